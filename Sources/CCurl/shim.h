// Typed wrappers around libcurl's variadic entry points, which Swift cannot call directly.
// Only ModelGateway/HTTP/CurlEasy.swift imports this module.
#ifndef PROPERTYINBOX_CCURL_SHIM_H
#define PROPERTYINBOX_CCURL_SHIM_H

#include <curl/curl.h>

typedef size_t (*pi_curl_write_callback)(char *ptr, size_t size, size_t nmemb, void *userdata);
typedef int (*pi_curl_xferinfo_callback)(void *clientp, curl_off_t dltotal, curl_off_t dlnow,
                                         curl_off_t ultotal, curl_off_t ulnow);

static inline CURLcode pi_curl_setopt_long(CURL *handle, CURLoption option, long value) {
    return curl_easy_setopt(handle, option, value);
}

static inline CURLcode pi_curl_setopt_string(CURL *handle, CURLoption option, const char *value) {
    return curl_easy_setopt(handle, option, value);
}

static inline CURLcode pi_curl_setopt_pointer(CURL *handle, CURLoption option, void *value) {
    return curl_easy_setopt(handle, option, value);
}

static inline CURLcode pi_curl_setopt_slist(CURL *handle, CURLoption option, struct curl_slist *value) {
    return curl_easy_setopt(handle, option, value);
}

static inline CURLcode pi_curl_setopt_mime(CURL *handle, struct curl_mime *mime) {
    return curl_easy_setopt(handle, CURLOPT_MIMEPOST, mime);
}

static inline CURLcode pi_curl_setopt_off(CURL *handle, CURLoption option, curl_off_t value) {
    return curl_easy_setopt(handle, option, value);
}

static inline CURLcode pi_curl_setopt_write_function(CURL *handle, CURLoption option, pi_curl_write_callback fn) {
    return curl_easy_setopt(handle, option, fn);
}

static inline CURLcode pi_curl_setopt_xferinfo_function(CURL *handle, pi_curl_xferinfo_callback fn) {
    return curl_easy_setopt(handle, CURLOPT_XFERINFOFUNCTION, fn);
}

static inline CURLcode pi_curl_getinfo_long(CURL *handle, CURLINFO info, long *value) {
    return curl_easy_getinfo(handle, info, value);
}

static inline CURLcode pi_curl_getinfo_double(CURL *handle, CURLINFO info, double *value) {
    return curl_easy_getinfo(handle, info, value);
}

#endif
