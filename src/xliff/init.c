/* libxml2's one-time initialisation (tu_xml_init in xliff.h): xliff/ owns
 * the XML library, the batch only says when threads are about to start. */
#include <libxml/parser.h>

#include <tumac/xliff.h>

void tu_xml_init(void)
{
    xmlInitParser();
}
