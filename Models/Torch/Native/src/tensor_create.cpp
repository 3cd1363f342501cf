// Creating tensors, moving data across the boundary, metadata, random numbers and runtime settings.
#include <ATen/CPUGeneratorImpl.h>
#include <ATen/Parallel.h>
#include <cstring>
#include <torch/cuda.h>

#include "a3c_torch.h"

namespace {

at::TensorOptions options(int32_t dtype, int32_t device_type, int32_t device_index) {
  return at::TensorOptions().dtype(a3c::scalar_type(dtype)).device(a3c::device(device_type, device_index));
}

// A null generator means libtorch's default one.
c10::optional<at::Generator> generator_or_default(at::Generator* generator) {
  if (generator == nullptr) return c10::nullopt;
  return *generator;
}

void require_contiguous_cpu(const at::Tensor& t, size_t bytes, const char* what) {
  TORCH_CHECK(t.device().is_cpu(), what, ": tensor is on ", t.device(), ", expected cpu");
  TORCH_CHECK(t.is_contiguous(), what, ": tensor is not contiguous");
  TORCH_CHECK(t.nbytes() == bytes, what, ": tensor holds ", t.nbytes(), " bytes but the buffer has ", bytes);
}

}  // namespace

A3C_EXPORT void a3c_tensor_free(tensor_t t) { delete t; }

// ---- creation ------------------------------------------------------------------------------

A3C_EXPORT tensor_t a3c_empty(const int64_t* shape, int64_t ndim, int32_t dtype, int32_t dev, int32_t dev_index) {
  A3C_GUARD(nullptr, { return a3c::wrap(at::empty(a3c::dims(shape, ndim), options(dtype, dev, dev_index))); })
}

A3C_EXPORT tensor_t a3c_full(const int64_t* shape, int64_t ndim, double value, int32_t dtype, int32_t dev, int32_t dev_index) {
  A3C_GUARD(nullptr, { return a3c::wrap(at::full(a3c::dims(shape, ndim), value, options(dtype, dev, dev_index))); })
}

A3C_EXPORT tensor_t a3c_arange(double start, double end, double step, int32_t dtype, int32_t dev, int32_t dev_index) {
  A3C_GUARD(nullptr, { return a3c::wrap(at::arange(start, end, step, options(dtype, dev, dev_index))); })
}

// One memcpy from managed memory into a fresh CPU tensor that libtorch owns.
A3C_EXPORT tensor_t a3c_from_data(const void* data, size_t bytes, const int64_t* shape, int64_t ndim, int32_t dtype) {
  A3C_GUARD(nullptr, {
    at::Tensor t = at::empty(a3c::dims(shape, ndim), at::TensorOptions().dtype(a3c::scalar_type(dtype)));
    require_contiguous_cpu(t, bytes, "from_data");
    if (bytes > 0) std::memcpy(t.data_ptr(), data, bytes);
    return a3c::wrap(std::move(t));
  })
}

// Copies a tensor's elements (from any device, any layout) into a managed buffer.
A3C_EXPORT int32_t a3c_copy_to(tensor_t t, void* destination, size_t bytes) {
  A3C_GUARD(-1, {
    a3c::copy_to_host(*t, destination, bytes);
    return 0;
  })
}

void a3c::copy_to_host(const at::Tensor& tensor, void* destination, size_t bytes) {
  // A contiguous CPU tensor is read in place: no detached alias or staging copy to build.
  const bool in_place = tensor.device().is_cpu() && tensor.is_contiguous();
  at::Tensor source = in_place ? tensor : tensor.detach().to(at::kCPU).contiguous();
  TORCH_CHECK(source.nbytes() == bytes, "copy_to: tensor holds ", source.nbytes(), " bytes but the buffer has ", bytes);
  if (bytes > 0) std::memcpy(destination, source.data_ptr(), bytes);
}

// Overwrites a tensor's elements from a managed buffer, in place (the tensor keeps its identity).
A3C_EXPORT int32_t a3c_copy_from(tensor_t t, const void* source, size_t bytes) {
  A3C_GUARD(-1, {
    at::NoGradGuard no_grad;
    if (t->device().is_cpu() && t->is_contiguous()) {
      require_contiguous_cpu(*t, bytes, "copy_from");
      if (bytes > 0) std::memcpy(t->data_ptr(), source, bytes);
    } else {
      at::Tensor staging = at::empty(t->sizes(), t->options().device(at::kCPU));
      require_contiguous_cpu(staging, bytes, "copy_from");
      if (bytes > 0) std::memcpy(staging.data_ptr(), source, bytes);
      t->copy_(staging);
    }
    return 0;
  })
}

// The address of a contiguous CPU tensor's elements, for zero-copy spans; null otherwise.
A3C_EXPORT void* a3c_data_ptr(tensor_t t) {
  A3C_GUARD(nullptr, {
    TORCH_CHECK(t->device().is_cpu(), "data_ptr: tensor is on ", t->device(), "; only cpu memory can be viewed");
    TORCH_CHECK(t->is_contiguous(), "data_ptr: tensor is not contiguous; call Contiguous() first");
    return t->data_ptr();
  })
}

// ---- metadata ------------------------------------------------------------------------------

A3C_EXPORT int64_t a3c_ndim(tensor_t t) { return t->dim(); }

A3C_EXPORT void a3c_shape(tensor_t t, int64_t* out) {
  for (int64_t i = 0; i < t->dim(); ++i) out[i] = t->size(i);
}

A3C_EXPORT int64_t a3c_numel(tensor_t t) { return t->numel(); }
A3C_EXPORT int32_t a3c_dtype(tensor_t t) { return static_cast<int32_t>(t->scalar_type()); }
A3C_EXPORT int32_t a3c_device_type(tensor_t t) { return t->device().is_cuda() ? 1 : 0; }
A3C_EXPORT int32_t a3c_device_index(tensor_t t) { return t->device().has_index() ? t->device().index() : -1; }
A3C_EXPORT int32_t a3c_requires_grad(tensor_t t) { return t->requires_grad() ? 1 : 0; }
A3C_EXPORT int32_t a3c_is_contiguous(tensor_t t) { return t->is_contiguous() ? 1 : 0; }

A3C_EXPORT int32_t a3c_item(tensor_t t, double* out) {
  A3C_GUARD(-1, {
    *out = t->item<double>();
    return 0;
  })
}

A3C_EXPORT tensor_t a3c_to(tensor_t t, int32_t dtype, int32_t dev, int32_t dev_index, int32_t copy) {
  A3C_GUARD(nullptr, { return a3c::wrap(t->to(a3c::device(dev, dev_index), a3c::scalar_type(dtype), false, copy != 0)); })
}

A3C_EXPORT char* a3c_to_string(tensor_t t) {
  A3C_GUARD(nullptr, {
    std::ostringstream text;
    text << *t;
    return strdup(text.str().c_str());
  })
}

A3C_EXPORT void a3c_string_free(char* s) { free(s); }

// ---- random numbers ------------------------------------------------------------------------

A3C_EXPORT void a3c_manual_seed(uint64_t seed) { at::manual_seed(seed); }

A3C_EXPORT at::Generator* a3c_generator_new(uint64_t seed) {
  A3C_GUARD(nullptr, { return new at::Generator(at::make_generator<at::CPUGeneratorImpl>(seed)); })
}

A3C_EXPORT void a3c_generator_free(at::Generator* g) { delete g; }

// The generator's full state as a uint8 tensor, so a run can checkpoint and resume its randomness.
A3C_EXPORT tensor_t a3c_generator_get_state(at::Generator* g) {
  A3C_GUARD(nullptr, {
    std::lock_guard<std::mutex> lock(g->mutex());
    return a3c::wrap(g->get_state());
  })
}

A3C_EXPORT int32_t a3c_generator_set_state(at::Generator* g, tensor_t state) {
  A3C_GUARD(-1, {
    std::lock_guard<std::mutex> lock(g->mutex());
    g->set_state(*state);
    return 0;
  })
}

A3C_EXPORT tensor_t a3c_rand(const int64_t* shape, int64_t ndim, int32_t dtype, int32_t dev, int32_t dev_index, at::Generator* g) {
  A3C_GUARD(nullptr, { return a3c::wrap(at::rand(a3c::dims(shape, ndim), generator_or_default(g), options(dtype, dev, dev_index))); })
}

A3C_EXPORT tensor_t a3c_randn(const int64_t* shape, int64_t ndim, int32_t dtype, int32_t dev, int32_t dev_index, at::Generator* g) {
  A3C_GUARD(nullptr, { return a3c::wrap(at::randn(a3c::dims(shape, ndim), generator_or_default(g), options(dtype, dev, dev_index))); })
}

A3C_EXPORT tensor_t a3c_multinomial(tensor_t probs, int64_t samples, int32_t replacement, at::Generator* g) {
  A3C_GUARD(nullptr, { return a3c::wrap(at::multinomial(*probs, samples, replacement != 0, generator_or_default(g))); })
}

// ---- runtime settings ----------------------------------------------------------------------

A3C_EXPORT void a3c_set_num_threads(int32_t n) { at::set_num_threads(n); }
A3C_EXPORT int32_t a3c_get_num_threads() { return at::get_num_threads(); }
A3C_EXPORT int32_t a3c_cuda_is_available() { return torch::cuda::is_available() ? 1 : 0; }
A3C_EXPORT int32_t a3c_cuda_device_count() { return static_cast<int32_t>(torch::cuda::device_count()); }
A3C_EXPORT int32_t a3c_set_grad_enabled(int32_t enabled) {
  bool previous = at::GradMode::is_enabled();
  at::GradMode::set_enabled(enabled != 0);
  return previous ? 1 : 0;
}
