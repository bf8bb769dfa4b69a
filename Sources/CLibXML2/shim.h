// The libxml2 headers em-gateway uses, plus adapters for what Swift cannot import.
#ifndef EM_CLIBXML2_SHIM_H
#define EM_CLIBXML2_SHIM_H

#include <libxml/parser.h>
#include <libxml/parserInternals.h>
#include <libxml/SAX2.h>
#include <libxml/xmlerror.h>
#include <libxml/xmlversion.h>

/// The runtime libxml2 version string (`xmlParserVersion` is not imported by Swift).
static inline const char *em_xml_parser_version(void) {
    return xmlParserVersion;
}

/// `xmlFree` is a function-pointer global that Swift 6 rejects as not concurrency-safe.
static inline void em_xml_free(void *pointer) {
    xmlFree(pointer);
}

/// A generic-error sink: libxml2 prints to stderr by default; Swift cannot write a variadic C function.
static inline void em_xml_discard_generic_error(void *context, const char *message, ...) {
    (void)context;
    (void)message;
}

/// Routes libxml2's generic (non-structured) errors of the calling thread away from stderr.
static inline void em_xml_silence_generic_errors(void) {
    xmlSetGenericErrorFunc(NULL, em_xml_discard_generic_error);
}

#endif
