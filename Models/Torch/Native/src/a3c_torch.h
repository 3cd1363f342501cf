// Shared plumbing for the C ABI: handle types, the error channel and the guard that keeps
// C++ exceptions from crossing into .NET.
#pragma once

#include <ATen/ATen.h>
#include <cstdint>
#include <string>

#define A3C_EXPORT extern "C" __attribute__((visibility("default")))

// A tensor crosses the boundary as a heap-allocated at::Tensor (a reference-counted handle);
// the managed side owns it and frees it with a3c_tensor_free.
using tensor_t = at::Tensor*;

namespace a3c {

// Records the message of the exception in flight for this thread; a3c_last_error reads it.
void set_last_error(const char* message);

inline tensor_t wrap(at::Tensor t) { return new at::Tensor(std::move(t)); }

inline at::IntArrayRef dims(const int64_t* values, int64_t count) {
  return at::IntArrayRef(values, static_cast<size_t>(count));
}

inline at::ScalarType scalar_type(int32_t code) { return static_cast<at::ScalarType>(code); }

inline at::Device device(int32_t type, int32_t index) {
  return at::Device(type == 1 ? at::kCUDA : at::kCPU, static_cast<c10::DeviceIndex>(index));
}

// Copies a tensor's elements (from any device, any layout) into host memory of exactly `bytes` bytes.
void copy_to_host(const at::Tensor& tensor, void* destination, size_t bytes);

}  // namespace a3c

// Runs `body`; on any C++ exception stores its message and returns `failure` instead.
// c10::Error keeps libtorch's message without the C++ backtrace that users cannot act on.
#define A3C_GUARD(failure, ...)                                   \
  try {                                                            \
    __VA_ARGS__                                                    \
  } catch (const c10::Error& e) {                                  \
    a3c::set_last_error(e.what_without_backtrace());               \
    return failure;                                                \
  } catch (const std::exception& e) {                              \
    a3c::set_last_error(e.what());                                 \
    return failure;                                                \
  } catch (...) {                                                  \
    a3c::set_last_error("unknown native exception");               \
    return failure;                                                \
  }
