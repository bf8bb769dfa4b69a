// Typed wrappers for libcurl's variadic calls, which Swift cannot call directly, and the
// readiness set (epoll on Linux, kqueue elsewhere) the upstream loop drives libcurl's
// multi_socket API with. No logic beyond adapting argument types and event bits.
#ifndef EM_CCURL_SHIM_H
#define EM_CCURL_SHIM_H

#include <curl/curl.h>
#include <stdint.h>
#include <unistd.h>
#include <errno.h>
#ifdef __linux__
#include <sys/epoll.h>
#include <sys/eventfd.h>
#else
#include <sys/types.h>
#include <sys/event.h>
#include <sys/time.h>

#endif

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

// MARK: Readiness set: sockets libcurl asks to watch, plus one wake-up source.

/// A readiness set and its wake-up source: on Linux an epoll instance and an eventfd; elsewhere a
/// kqueue with an EVFILT_USER event (`wake` is then -1). Returns 0, or -1 with errno set.
static inline int em_events_open(int *queue, int *wake) {
#ifdef __linux__
    int epfd = epoll_create1(EPOLL_CLOEXEC);
    if (epfd < 0) return -1;
    int efd = eventfd(0, EFD_NONBLOCK | EFD_CLOEXEC);
    if (efd < 0) { close(epfd); return -1; }
    struct epoll_event event = { .events = EPOLLIN, .data = { .fd = efd } };
    if (epoll_ctl(epfd, EPOLL_CTL_ADD, efd, &event) < 0) { close(efd); close(epfd); return -1; }
    *queue = epfd;
    *wake = efd;
    return 0;
#else
    int kq = kqueue();
    if (kq < 0) return -1;
    struct kevent change;
    EV_SET(&change, 0, EVFILT_USER, EV_ADD | EV_CLEAR, 0, 0, NULL);
    if (kevent(kq, &change, 1, NULL, 0, NULL) < 0) { close(kq); return -1; }
    *queue = kq;
    *wake = -1;
    return 0;
#endif
}

static inline void em_events_close(int queue, int wake) {
    if (wake >= 0) close(wake);
    close(queue);
}

/// Makes a current or next `em_events_wait` return. Callable from any thread.
static inline void em_events_wake(int queue, int wake) {
#ifdef __linux__
    (void)queue;
    uint64_t one = 1;
    ssize_t written = write(wake, &one, sizeof one);
    (void)written;  // EAGAIN: the counter is already non-zero, a wake-up is pending anyway
#else
    (void)wake;
    struct kevent change;
    EV_SET(&change, 0, EVFILT_USER, 0, NOTE_TRIGGER, 0, NULL);
    kevent(queue, &change, 1, NULL, 0, NULL);
#endif
}

/// Watches `fd` for what libcurl asks (`CURL_POLL_IN`, `_OUT`, `_INOUT`), or stops watching it
/// (`CURL_POLL_REMOVE`). `known`: the set already watches `fd` (libcurl passes back what
/// `curl_multi_assign` gave it). Errors about a descriptor libcurl already closed are ignored.
static inline void em_events_watch(int queue, curl_socket_t fd, int what, int known) {
#ifdef __linux__
    if (what == CURL_POLL_REMOVE) {
        epoll_ctl(queue, EPOLL_CTL_DEL, fd, NULL);
        return;
    }
    struct epoll_event event = { .events = 0, .data = { .fd = fd } };
    if (what & CURL_POLL_IN) event.events |= EPOLLIN;
    if (what & CURL_POLL_OUT) event.events |= EPOLLOUT;
    if (epoll_ctl(queue, known ? EPOLL_CTL_MOD : EPOLL_CTL_ADD, fd, &event) < 0) {
        epoll_ctl(queue, errno == ENOENT ? EPOLL_CTL_ADD : EPOLL_CTL_MOD, fd, &event);
    }
#else
    (void)known;
    struct kevent changes[2];
    EV_SET(&changes[0], fd, EVFILT_READ, (what != CURL_POLL_REMOVE && (what & CURL_POLL_IN)) ? EV_ADD : EV_DELETE, 0, 0, NULL);
    EV_SET(&changes[1], fd, EVFILT_WRITE, (what != CURL_POLL_REMOVE && (what & CURL_POLL_OUT)) ? EV_ADD : EV_DELETE, 0, 0, NULL);
    for (int index = 0; index < 2; index++) {
        kevent(queue, &changes[index], 1, NULL, 0, NULL);  // EV_DELETE of an absent filter fails: fine
    }
#endif
}

/// Waits up to `timeout_ms` (-1: forever) for readiness. Fills `fds` and `masks` (libcurl's
/// `CURL_CSELECT_IN`, `_OUT`, `_ERR` bits) with at most `capacity` sockets; a wake-up is consumed
/// and not reported. Returns how many sockets were filled (0 on timeout, wake-up or EINTR).
static inline int em_events_wait(int queue, int wake, int timeout_ms, curl_socket_t *fds, int *masks, int capacity) {
#ifdef __linux__
    struct epoll_event events[64];
    int limit = capacity < 64 ? capacity : 64;
    int count = epoll_wait(queue, events, limit, timeout_ms);
    int filled = 0;
    for (int index = 0; index < count; index++) {
        if (events[index].data.fd == wake) {
            uint64_t value;
            ssize_t got = read(wake, &value, sizeof value);
            (void)got;
            continue;
        }
        int mask = 0;
        if (events[index].events & (EPOLLIN | EPOLLHUP | EPOLLRDHUP)) mask |= CURL_CSELECT_IN;
        if (events[index].events & EPOLLOUT) mask |= CURL_CSELECT_OUT;
        if (events[index].events & EPOLLERR) mask |= CURL_CSELECT_ERR;
        fds[filled] = events[index].data.fd;
        masks[filled] = mask;
        filled++;
    }
    return filled;
#else
    (void)wake;
    struct kevent events[64];
    int limit = capacity < 64 ? capacity : 64;
    struct timespec timeout = { timeout_ms / 1000, (long)(timeout_ms % 1000) * 1000000L };
    int count = kevent(queue, NULL, 0, events, limit, timeout_ms < 0 ? NULL : &timeout);
    int filled = 0;
    for (int index = 0; index < count; index++) {
        if (events[index].filter == EVFILT_USER) continue;
        int mask = events[index].filter == EVFILT_READ ? CURL_CSELECT_IN : CURL_CSELECT_OUT;
        if (events[index].flags & EV_ERROR) mask |= CURL_CSELECT_ERR;
        fds[filled] = (curl_socket_t)events[index].ident;
        masks[filled] = mask;
        filled++;
    }
    return filled;
#endif
}

#endif
