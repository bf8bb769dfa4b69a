// The readiness set the upstream loop drives libcurl's multi_socket API with: epoll and an
// eventfd on Linux, kqueue with an EVFILT_USER event elsewhere. See include/CCurlEvents.h.
#include "CCurlEvents.h"

#include <curl/curl.h>

#include <errno.h>
#include <stdint.h>
#include <unistd.h>
#ifdef __linux__
#include <sys/epoll.h>
#include <sys/eventfd.h>
#else
#include <sys/types.h>
#include <sys/event.h>
#include <sys/time.h>
#endif

int em_events_open(int *queue, int *wake) {
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

void em_events_close(int queue, int wake) {
    if (wake >= 0) close(wake);
    close(queue);
}

void em_events_wake(int queue, int wake) {
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

void em_events_watch(int queue, int fd, int what, int known) {
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

int em_events_wait(int queue, int wake, int timeout_ms, int *fds, int *masks, int capacity) {
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
        fds[filled] = (int)events[index].ident;
        masks[filled] = mask;
        filled++;
    }
    return filled;
#endif
}
