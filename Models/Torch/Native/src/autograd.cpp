// Autograd: gradients, detaching, clipping, and moving whole parameter lists to and from one flat
// float buffer (the form in which weight snapshots and gradient packets travel between actors).
#include <cmath>
#include <cstring>
#include <vector>

#include "a3c_torch.h"

namespace {

// Which part of each parameter a flat buffer refers to.
enum FlatPart : int32_t { Data = 0, Grad = 1 };

void check_flat_size(const tensor_t* params, int64_t count, size_t elements, const char* what) {
  size_t total = 0;
  for (int64_t i = 0; i < count; ++i) {
    TORCH_CHECK(params[i]->scalar_type() == at::kFloat, what, ": parameter ", i, " is ", params[i]->scalar_type(),
                ", flat buffers hold float32");
    total += static_cast<size_t>(params[i]->numel());
  }
  TORCH_CHECK(total == elements, what, ": the parameters hold ", total, " elements but the buffer has ", elements);
}

}  // namespace

A3C_EXPORT int32_t a3c_backward(tensor_t t, tensor_t gradient) {
  A3C_GUARD(-1, {
    if (gradient) {
      t->backward(*gradient);
    } else {
      t->backward();
    }
    return 0;
  })
}

// Returns the gradient, or null (with no error set) when the tensor has none yet.
A3C_EXPORT tensor_t a3c_grad(tensor_t t) {
  A3C_GUARD(nullptr, {
    const at::Tensor& g = t->grad();
    return g.defined() ? a3c::wrap(g) : nullptr;
  })
}

A3C_EXPORT int32_t a3c_set_requires_grad(tensor_t t, int32_t requires) {
  A3C_GUARD(-1, {
    t->set_requires_grad(requires != 0);
    return 0;
  })
}

A3C_EXPORT tensor_t a3c_detach(tensor_t t) {
  A3C_GUARD(nullptr, { return a3c::wrap(t->detach()); })
}

// Sets every parameter's gradient to none, as PyTorch's zero_grad(set_to_none=True) does.
A3C_EXPORT int32_t a3c_zero_grad(const tensor_t* params, int64_t count) {
  A3C_GUARD(-1, {
    for (int64_t i = 0; i < count; ++i) params[i]->mutable_grad().reset();
    return 0;
  })
}

// Scales all gradients so that their joint L2 norm is at most max_norm; returns the norm before
// clipping (non-finite when a gradient holds NaN or infinity, which the caller must not apply).
A3C_EXPORT int32_t a3c_clip_grad_norm(const tensor_t* params, int64_t count, double max_norm, double* total_norm) {
  A3C_GUARD(-1, {
    at::NoGradGuard no_grad;
    std::vector<at::Tensor> norms;
    for (int64_t i = 0; i < count; ++i) {
      const at::Tensor& g = params[i]->grad();
      if (g.defined()) norms.push_back(at::norm(g, 2).to(at::kDouble));
    }
    if (norms.empty()) {
      *total_norm = 0.0;
      return 0;
    }
    double norm = at::norm(at::stack(norms), 2).item<double>();
    *total_norm = norm;
    double coefficient = max_norm / (norm + 1e-6);
    if (coefficient < 1.0 && std::isfinite(norm)) {
      for (int64_t i = 0; i < count; ++i) {
        at::Tensor& g = params[i]->mutable_grad();
        if (g.defined()) g.mul_(coefficient);
      }
    }
    return 0;
  })
}

A3C_EXPORT int32_t a3c_params_to_flat(const tensor_t* params, int64_t count, int32_t part, float* destination,
                                      size_t elements) {
  A3C_GUARD(-1, {
    check_flat_size(params, count, elements, "params_to_flat");
    float* cursor = destination;
    for (int64_t i = 0; i < count; ++i) {
      size_t n = static_cast<size_t>(params[i]->numel());
      at::Tensor source = part == Grad ? params[i]->grad() : *params[i];
      if (!source.defined()) {
        std::memset(cursor, 0, n * sizeof(float));  // no gradient yet counts as zero
      } else {
        at::Tensor host = source.detach().to(at::kCPU).contiguous();
        std::memcpy(cursor, host.data_ptr<float>(), n * sizeof(float));
      }
      cursor += n;
    }
    return 0;
  })
}

A3C_EXPORT int32_t a3c_params_from_flat(const tensor_t* params, int64_t count, int32_t part, const float* source,
                                        size_t elements) {
  A3C_GUARD(-1, {
    check_flat_size(params, count, elements, "params_from_flat");
    at::NoGradGuard no_grad;
    const float* cursor = source;
    for (int64_t i = 0; i < count; ++i) {
      at::Tensor& param = *params[i];
      int64_t n = param.numel();
      // from_blob borrows the managed buffer only for the duration of copy_.
      at::Tensor view = at::from_blob(const_cast<float*>(cursor), param.sizes(), at::TensorOptions().dtype(at::kFloat));
      if (part == Grad) {
        at::Tensor& g = param.mutable_grad();
        if (!g.defined()) g = at::empty_like(param);
        g.copy_(view);
      } else {
        param.copy_(view);
      }
      cursor += n;
    }
    return 0;
  })
}
