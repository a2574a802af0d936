// Thin wrappers over libmicrohttpd macros and variadic functions that Swift cannot import.
// Every symbol defined here is prefixed `cmhd_`. No logic lives here. It also brings in epoll and
// eventfd, which the event loops driving the daemons sleep on (Glibc's module has neither).
#ifndef CMICROHTTPD_SHIM_H
#define CMICROHTTPD_SHIM_H

#include <sys/types.h>
#include <sys/socket.h>
#include <stdint.h>
#include <stdarg.h>
#include <sys/epoll.h>
#include <sys/eventfd.h>
#include <microhttpd.h>

/// The callback of MHD_OPTION_URI_LOG_CALLBACK (the header declares no type for it): called once per
/// request with the request target as sent; its result becomes the request's `*con_cls`.
typedef void *(*cmhd_uri_callback)(void *context, const char *uri, struct MHD_Connection *connection);

/// The options every daemon is started with: the idle timeout in seconds, the connection limit and
/// the three callbacks, which all receive `context`.
#define CMHD_COMMON_OPTIONS \
    MHD_OPTION_CONNECTION_TIMEOUT, connection_timeout, \
    MHD_OPTION_CONNECTION_LIMIT, connection_limit, \
    MHD_OPTION_NOTIFY_COMPLETED, completed, context, \
    MHD_OPTION_URI_LOG_CALLBACK, uri_callback, context, \
    MHD_OPTION_END

/// MHD_start_daemon with a fixed option list. It listens on `listen_socket` when that is not -1 (a
/// socket another daemon bound, shared so that several daemons accept on one port), else it binds
/// `address` itself.
static inline struct MHD_Daemon *cmhd_start_daemon(
    unsigned int flags, const struct sockaddr *address, int listen_socket,
    unsigned int connection_timeout, unsigned int connection_limit, MHD_AccessHandlerCallback handler,
    MHD_RequestCompletedCallback completed, cmhd_uri_callback uri_callback, void *context) {
    if (listen_socket != -1) {
        return MHD_start_daemon(
            flags, 0, NULL, NULL, handler, context, MHD_OPTION_LISTEN_SOCKET, listen_socket, CMHD_COMMON_OPTIONS);
    }
    return MHD_start_daemon(
        flags, 0, NULL, NULL, handler, context, MHD_OPTION_SOCK_ADDR, address, CMHD_COMMON_OPTIONS);
}

/// The daemon's listen socket (MHD_DAEMON_INFO_LISTEN_FD), or -1.
static inline int cmhd_daemon_listen_socket(struct MHD_Daemon *daemon) {
    const union MHD_DaemonInfo *info = MHD_get_daemon_info(daemon, MHD_DAEMON_INFO_LISTEN_FD);
    return info == NULL ? -1 : info->listen_fd;
}

/// The epoll descriptor of a daemon started with MHD_USE_EPOLL and no internal thread
/// (MHD_DAEMON_INFO_EPOLL_FD): readable whenever MHD_run has work. -1 if unknown.
static inline int cmhd_daemon_epoll_fd(struct MHD_Daemon *daemon) {
    const union MHD_DaemonInfo *info = MHD_get_daemon_info(daemon, MHD_DAEMON_INFO_EPOLL_FD);
    return info == NULL ? -1 : info->epoll_fd;
}

/// How long the caller may wait before the next MHD_run, in milliseconds (MHD_get_timeout, capped at
/// INT32_MAX), or -1 when only network activity can give the daemon work.
static inline int cmhd_daemon_timeout_milliseconds(struct MHD_Daemon *daemon) {
    MHD_UNSIGNED_LONG_LONG timeout = 0;
    if (MHD_get_timeout(daemon, &timeout) != MHD_YES) return -1;
    return timeout > INT32_MAX ? INT32_MAX : (int) timeout;
}

/// The port the daemon's listen socket is bound to (MHD_DAEMON_INFO_BIND_PORT), or 0 if unknown.
static inline uint16_t cmhd_daemon_bind_port(struct MHD_Daemon *daemon) {
    const union MHD_DaemonInfo *info = MHD_get_daemon_info(daemon, MHD_DAEMON_INFO_BIND_PORT);
    return info == NULL ? 0 : info->port;
}

/// The peer's address (MHD_CONNECTION_INFO_CLIENT_ADDRESS), or NULL. MHD owns it; valid while the
/// connection is.
static inline const struct sockaddr *cmhd_connection_client_address(struct MHD_Connection *connection) {
    const union MHD_ConnectionInfo *info = MHD_get_connection_info(connection, MHD_CONNECTION_INFO_CLIENT_ADDRESS);
    return info == NULL ? NULL : info->client_addr;
}

#endif
