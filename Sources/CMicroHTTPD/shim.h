// Thin wrappers over libmicrohttpd macros and variadic functions that Swift cannot import.
// Every symbol defined here is prefixed `cmhd_`. No logic lives here.
#ifndef CMICROHTTPD_SHIM_H
#define CMICROHTTPD_SHIM_H

#include <sys/types.h>
#include <sys/socket.h>
#include <stdint.h>
#include <stdarg.h>
#include <microhttpd.h>

/// The callback of MHD_OPTION_URI_LOG_CALLBACK (the header declares no type for it): called once per
/// request with the request target as sent; its result becomes the request's `*con_cls`.
typedef void *(*cmhd_uri_callback)(void *context, const char *uri, struct MHD_Connection *connection);

/// MHD_start_daemon with a fixed option list: the bind address, the thread pool size (0 or 1: the single
/// internal polling thread), the idle timeout in seconds, the connection limit, and
/// the three callbacks, which all receive `context`.
static inline struct MHD_Daemon *cmhd_start_daemon(
    unsigned int flags, const struct sockaddr *address, unsigned int thread_pool_size,
    unsigned int connection_timeout, unsigned int connection_limit, MHD_AccessHandlerCallback handler,
    MHD_RequestCompletedCallback completed, cmhd_uri_callback uri_callback, void *context) {
    return MHD_start_daemon(
        flags, 0, NULL, NULL, handler, context,
        MHD_OPTION_SOCK_ADDR, address,
        MHD_OPTION_CONNECTION_TIMEOUT, connection_timeout,
        MHD_OPTION_CONNECTION_LIMIT, connection_limit,
        MHD_OPTION_NOTIFY_COMPLETED, completed, context,
        MHD_OPTION_URI_LOG_CALLBACK, uri_callback, context,
        MHD_OPTION_THREAD_POOL_SIZE, thread_pool_size,
        MHD_OPTION_END);
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
