#include "a3c_torch.h"

namespace {
thread_local std::string last_error;
}

void a3c::set_last_error(const char* message) { last_error = message; }

A3C_EXPORT const char* a3c_last_error() { return last_error.c_str(); }
