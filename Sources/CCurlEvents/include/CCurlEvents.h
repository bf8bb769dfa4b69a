// The readiness set the upstream loop drives libcurl's multi_socket API with: the sockets
// libcurl asks to watch, plus one wake-up source. epoll and an eventfd on Linux, kqueue with an
// EVFILT_USER event elsewhere. No logic beyond adapting libcurl's event bits.
#ifndef EM_CCURL_EVENTS_H
#define EM_CCURL_EVENTS_H

// Sockets are `int` (libcurl's `curl_socket_t` on POSIX systems); `what` and the masks are
// libcurl's CURL_POLL_* and CURL_CSELECT_* values. libcurl's header stays out of this one, so the
// module imports only these functions.

/// A readiness set and its wake-up source: on Linux an epoll instance and an eventfd; elsewhere a
/// kqueue with an EVFILT_USER event (`wake` is then -1). Returns 0, or -1 with errno set.
int em_events_open(int *queue, int *wake);

/// Closes what `em_events_open` opened.
void em_events_close(int queue, int wake);

/// Makes a current or next `em_events_wait` return. Callable from any thread.
void em_events_wake(int queue, int wake);

/// Watches `fd` for what libcurl asks (`CURL_POLL_IN`, `_OUT`, `_INOUT`), or stops watching it
/// (`CURL_POLL_REMOVE`). `known`: the set already watches `fd` (libcurl passes back what
/// `curl_multi_assign` gave it). Errors about a descriptor libcurl already closed are ignored.
void em_events_watch(int queue, int fd, int what, int known);

/// Waits up to `timeout_ms` (-1: forever) for readiness. Fills `fds` and `masks` (libcurl's
/// `CURL_CSELECT_IN`, `_OUT`, `_ERR` bits) with at most `capacity` sockets; a wake-up is consumed
/// and not reported. Returns how many sockets were filled (0 on timeout, wake-up or EINTR).
int em_events_wait(int queue, int wake, int timeout_ms, int *fds, int *masks, int capacity);

#endif
