// Thin wrappers over libmicrohttpd macros and variadic functions that Swift cannot import.
// Every symbol defined here is prefixed `cmhd_`. No logic lives here.
#ifndef CMICROHTTPD_SHIM_H
#define CMICROHTTPD_SHIM_H

#include <sys/types.h>
#include <sys/socket.h>
#include <stdint.h>
#include <stdarg.h>
#include <microhttpd.h>

#endif
