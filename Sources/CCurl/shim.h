// Typed wrappers for libcurl's variadic calls and macros, which Swift cannot call or import
// directly. No logic beyond adapting argument types. The readiness set the upstream loop drives
// libcurl's multi_socket API with is the CCurlEvents target.
#ifndef EM_CCURL_SHIM_H
#define EM_CCURL_SHIM_H

#include <curl/curl.h>

static inline CURLcode em_curl_easy_setopt_long(CURL *handle, CURLoption option, long value) {
    return curl_easy_setopt(handle, option, value);
}
static inline CURLcode em_curl_easy_setopt_pointer(CURL *handle, CURLoption option, void *value) {
    return curl_easy_setopt(handle, option, value);
}
static inline CURLcode em_curl_easy_setopt_string(CURL *handle, CURLoption option, const char *value) {
    return curl_easy_setopt(handle, option, value);
}
static inline CURLcode em_curl_easy_setopt_off_t(CURL *handle, CURLoption option, curl_off_t value) {
    return curl_easy_setopt(handle, option, value);
}
static inline CURLcode em_curl_easy_setopt_write_callback(CURL *handle, CURLoption option, curl_write_callback value) {
    return curl_easy_setopt(handle, option, value);
}
static inline CURLcode em_curl_easy_setopt_read_callback(CURL *handle, CURLoption option, curl_read_callback value) {
    return curl_easy_setopt(handle, option, value);
}
static inline CURLcode em_curl_easy_setopt_xferinfo_callback(CURL *handle, CURLoption option, curl_xferinfo_callback value) {
    return curl_easy_setopt(handle, option, value);
}
static inline CURLcode em_curl_easy_setopt_slist(CURL *handle, CURLoption option, struct curl_slist *value) {
    return curl_easy_setopt(handle, option, value);
}
static inline CURLcode em_curl_easy_setopt_prereq_callback(CURL *handle, CURLoption option, curl_prereq_callback value) {
    return curl_easy_setopt(handle, option, value);
}
/// CURLPAUSE_CONT is a compound macro Swift does not import.
static inline CURLcode em_curl_easy_pause_cont(CURL *handle) {
    return curl_easy_pause(handle, CURLPAUSE_CONT);
}
/// CURL_WRITEFUNC_PAUSE is a macro whose type Swift guesses wrongly (it must be a size_t).
static inline size_t em_curl_writefunc_pause(void) {
    return CURL_WRITEFUNC_PAUSE;
}
static inline CURLcode em_curl_easy_getinfo_long(CURL *handle, CURLINFO info, long *value) {
    return curl_easy_getinfo(handle, info, value);
}
static inline CURLcode em_curl_easy_getinfo_pointer(CURL *handle, CURLINFO info, void **value) {
    return curl_easy_getinfo(handle, info, value);
}
static inline CURLcode em_curl_easy_getinfo_off_t(CURL *handle, CURLINFO info, curl_off_t *value) {
    return curl_easy_getinfo(handle, info, value);
}
static inline CURLMcode em_curl_multi_setopt_long(CURLM *handle, CURLMoption option, long value) {
    return curl_multi_setopt(handle, option, value);
}
static inline CURLSHcode em_curl_share_setopt_long(CURLSH *handle, CURLSHoption option, long value) {
    return curl_share_setopt(handle, option, value);
}
/// CURL_GLOBAL_ALL is a macro Swift does not import reliably.
static inline CURLcode em_curl_global_init_all(void) {
    return curl_global_init(CURL_GLOBAL_ALL);
}
/// CURLVERSION_NOW is a macro Swift does not import.
static inline const char *em_curl_version_string(void) {
    return curl_version_info(CURLVERSION_NOW)->version;
}


// MARK: multi_socket API

static inline CURLMcode em_curl_multi_setopt_pointer(CURLM *handle, CURLMoption option, void *value) {
    return curl_multi_setopt(handle, option, value);
}
static inline CURLMcode em_curl_multi_setopt_socket_callback(CURLM *handle, curl_socket_callback value) {
    return curl_multi_setopt(handle, CURLMOPT_SOCKETFUNCTION, value);
}
static inline CURLMcode em_curl_multi_setopt_timer_callback(CURLM *handle, curl_multi_timer_callback value) {
    return curl_multi_setopt(handle, CURLMOPT_TIMERFUNCTION, value);
}
/// CURL_SOCKET_TIMEOUT is a macro defined through another macro, which Swift does not import.
static inline curl_socket_t em_curl_socket_timeout(void) {
    return CURL_SOCKET_TIMEOUT;
}

#endif
