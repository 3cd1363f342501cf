// Optimizers written against PyTorch's update rules (torch.optim's single-tensor paths), with
// their state kept in plain tensors we own so it can be exported and restored bit-exactly.
#include <cmath>
#include <cstring>
#include <vector>

#include "a3c_torch.h"

namespace {

enum Kind : int32_t { Sgd = 0, Adam = 1, RmsProp = 2 };

// Up to this size a plain loop over a tensor beats dispatching a handful of tensor ops to it
// (CartPole's whole network is about 500 values); above it libtorch's vectorised, multi-threaded
// kernels win (the Atari network's 3.3 million values).
constexpr int64_t kLoopElements = 1 << 16;

// A small contiguous float32 CPU tensor, which the update loops below walk directly.
bool is_plain(const at::Tensor& t) {
  return t.device().is_cpu() && t.scalar_type() == at::kFloat && t.is_contiguous() && t.numel() <= kLoopElements;
}

struct Hyper {
  double lr;
  double beta1_or_alpha;  // Adam's beta1, RMSprop's alpha (smoothing)
  double beta2;           // Adam only
  double eps;
  double weight_decay;
  double momentum;  // SGD and RMSprop
  int32_t centered;  // RMSprop only
};

// Per-parameter state: step count plus the buffers the rule needs, always in the same order so
// that an exported state has one fixed layout: [step, buffers...] per parameter.
struct ParamState {
  double step = 0;
  std::vector<at::Tensor> buffers;
};

struct Optimizer {
  Kind kind;
  Hyper hyper;
  std::vector<at::Tensor> params;
  std::vector<ParamState> state;

  size_t buffers_per_param() const {
    switch (kind) {
      case Adam: return 2;     // exp_avg, exp_avg_sq
      case RmsProp: return 3;  // square_avg, momentum_buffer, grad_avg
      case Sgd: return 1;      // momentum_buffer
    }
    return 0;
  }

  void ensure_state(size_t i) {
    ParamState& s = state[i];
    if (!s.buffers.empty()) return;
    for (size_t b = 0; b < buffers_per_param(); ++b) s.buffers.push_back(at::zeros_like(params[i]));
  }

  // The joint L2 norm of all gradients (0 when there are none); non-finite if any holds NaN or inf.
  double grad_norm() const {
    double sum_of_squares = 0;
    for (const at::Tensor& param : params) {
      const at::Tensor& grad = param.grad();
      if (!grad.defined()) continue;
      if (is_plain(grad)) {
        const float* g = grad.data_ptr<float>();
        for (int64_t i = 0, n = grad.numel(); i < n; ++i) sum_of_squares += static_cast<double>(g[i]) * g[i];
      } else {
        double norm = at::norm(grad, 2).item<double>();
        sum_of_squares += norm * norm;
      }
    }
    return std::sqrt(sum_of_squares);
  }

  void scale_grads(double coefficient) {
    for (at::Tensor& param : params) {
      at::Tensor& grad = param.mutable_grad();
      if (!grad.defined()) continue;
      if (is_plain(grad)) {
        float* g = grad.data_ptr<float>();
        const float c = static_cast<float>(coefficient);
        for (int64_t i = 0, n = grad.numel(); i < n; ++i) g[i] *= c;
      } else {
        grad.mul_(coefficient);
      }
    }
  }

  void step() {
    at::NoGradGuard no_grad;
    for (size_t i = 0; i < params.size(); ++i) {
      at::Tensor& param = params[i];
      if (!param.grad().defined()) continue;
      at::Tensor grad = param.grad();
      if (hyper.weight_decay != 0) grad = grad.add(param, hyper.weight_decay);
      ensure_state(i);
      ParamState& s = state[i];
      s.step += 1;
      switch (kind) {
        case Adam: adam(param, grad, s); break;
        case RmsProp: rmsprop(param, grad, s); break;
        case Sgd: sgd(param, grad, s); break;
      }
    }
  }

  void adam(at::Tensor& param, const at::Tensor& grad, ParamState& s) {
    at::Tensor& exp_avg = s.buffers[0];
    at::Tensor& exp_avg_sq = s.buffers[1];
    double beta1 = hyper.beta1_or_alpha, beta2 = hyper.beta2;
    double bias_correction1 = 1 - std::pow(beta1, s.step);
    double bias_correction2 = 1 - std::pow(beta2, s.step);
    double step_size = hyper.lr / bias_correction1;
    if (is_plain(param) && is_plain(grad) && is_plain(exp_avg) && is_plain(exp_avg_sq)) {
      // The same rule element by element, in float as libtorch's CPU kernels compute it.
      float* p = param.data_ptr<float>();
      const float* g = grad.data_ptr<float>();
      float* m = exp_avg.data_ptr<float>();
      float* v = exp_avg_sq.data_ptr<float>();
      const float b1_weight = static_cast<float>(1 - beta1), b2 = static_cast<float>(beta2),
                  b2_weight = static_cast<float>(1 - beta2), sqrt_bc2 = static_cast<float>(std::sqrt(bias_correction2)),
                  eps = static_cast<float>(hyper.eps), size = static_cast<float>(step_size);
      for (int64_t i = 0, n = param.numel(); i < n; ++i) {
        m[i] += b1_weight * (g[i] - m[i]);
        v[i] = v[i] * b2 + b2_weight * g[i] * g[i];
        p[i] -= size * m[i] / (std::sqrt(v[i]) / sqrt_bc2 + eps);
      }
      return;
    }
    exp_avg.lerp_(grad, 1 - beta1);
    exp_avg_sq.mul_(beta2).addcmul_(grad, grad, 1 - beta2);
    at::Tensor denom = (exp_avg_sq.sqrt() / std::sqrt(bias_correction2)).add_(hyper.eps);
    param.addcdiv_(exp_avg, denom, -step_size);
  }

  void rmsprop(at::Tensor& param, const at::Tensor& grad, ParamState& s) {
    at::Tensor& square_avg = s.buffers[0];
    at::Tensor& momentum_buffer = s.buffers[1];
    at::Tensor& grad_avg = s.buffers[2];
    double alpha = hyper.beta1_or_alpha;
    square_avg.mul_(alpha).addcmul_(grad, grad, 1 - alpha);
    at::Tensor avg;
    if (hyper.centered) {
      grad_avg.lerp_(grad, 1 - alpha);
      avg = square_avg.addcmul(grad_avg, grad_avg, -1).sqrt_().add_(hyper.eps);
    } else {
      avg = square_avg.sqrt().add_(hyper.eps);
    }
    if (hyper.momentum > 0) {
      momentum_buffer.mul_(hyper.momentum).addcdiv_(grad, avg);
      param.add_(momentum_buffer, -hyper.lr);
    } else {
      param.addcdiv_(grad, avg, -hyper.lr);
    }
  }

  void sgd(at::Tensor& param, const at::Tensor& grad, ParamState& s) {
    if (hyper.momentum == 0) {
      param.add_(grad, -hyper.lr);
      return;
    }
    at::Tensor& buffer = s.buffers[0];
    if (s.step == 1) {
      buffer.copy_(grad);
    } else {
      buffer.mul_(hyper.momentum).add_(grad);
    }
    param.add_(buffer, -hyper.lr);
  }
};

}  // namespace

A3C_EXPORT Optimizer* a3c_optim_new(int32_t kind, const tensor_t* params, int64_t count, double lr, double beta1_or_alpha,
                                    double beta2, double eps, double weight_decay, double momentum, int32_t centered) {
  A3C_GUARD(nullptr, {
    TORCH_CHECK(kind >= Sgd && kind <= RmsProp, "unknown optimizer kind ", kind);
    TORCH_CHECK(lr >= 0, "learning rate must be non-negative, got ", lr);
    auto* optimizer = new Optimizer{static_cast<Kind>(kind),
                                    Hyper{lr, beta1_or_alpha, beta2, eps, weight_decay, momentum, centered},
                                    {},
                                    {}};
    for (int64_t i = 0; i < count; ++i) optimizer->params.push_back(*params[i]);
    optimizer->state.resize(static_cast<size_t>(count));
    return optimizer;
  })
}

A3C_EXPORT void a3c_optim_free(Optimizer* optimizer) { delete optimizer; }

A3C_EXPORT int32_t a3c_optim_step(Optimizer* optimizer) {
  A3C_GUARD(-1, {
    optimizer->step();
    return 0;
  })
}

// Clips all gradients to a joint L2 norm of max_norm (as clip_grad_norm_) and steps, in one call.
// Writes the norm before clipping; when it is not finite nothing is clipped or stepped, so a NaN
// gradient never reaches the weights or the optimizer's state.
A3C_EXPORT int32_t a3c_optim_clip_step(Optimizer* optimizer, double max_norm, double* total_norm) {
  A3C_GUARD(-1, {
    at::NoGradGuard no_grad;
    double norm = optimizer->grad_norm();
    *total_norm = norm;
    if (!std::isfinite(norm)) return 0;
    double coefficient = max_norm / (norm + 1e-6);
    if (coefficient < 1.0) optimizer->scale_grads(coefficient);
    optimizer->step();
    return 0;
  })
}

A3C_EXPORT void a3c_optim_set_lr(Optimizer* optimizer, double lr) { optimizer->hyper.lr = lr; }
A3C_EXPORT double a3c_optim_get_lr(Optimizer* optimizer) { return optimizer->hyper.lr; }

// Number of tensors in the exported state: per parameter one step counter plus its buffers.
A3C_EXPORT int64_t a3c_optim_state_size(Optimizer* optimizer) {
  return static_cast<int64_t>(optimizer->params.size() * (1 + optimizer->buffers_per_param()));
}

// Writes the state as new tensor handles (copies) into `out`, in the fixed layout.
A3C_EXPORT int32_t a3c_optim_state_get(Optimizer* optimizer, tensor_t* out) {
  A3C_GUARD(-1, {
    size_t k = 0;
    for (size_t i = 0; i < optimizer->params.size(); ++i) {
      optimizer->ensure_state(i);
      const ParamState& s = optimizer->state[i];
      out[k++] = a3c::wrap(at::scalar_tensor(s.step, at::kDouble));
      for (const at::Tensor& buffer : s.buffers) out[k++] = a3c::wrap(buffer.detach().clone());
    }
    return 0;
  })
}

// Copies the state, in the same layout, straight into host memory: `destinations[k]` receives
// entry k (a step as one double, or a buffer's elements) and must hold exactly `bytes[k]` bytes.
// A checkpoint's copy without a tensor handle per entry.
A3C_EXPORT int32_t a3c_optim_state_copy_to(Optimizer* optimizer, void* const* destinations, const int64_t* bytes, int64_t count) {
  A3C_GUARD(-1, {
    int64_t expected = a3c_optim_state_size(optimizer);
    TORCH_CHECK(count == expected, "optimizer state has ", expected, " entries, the destination lists ", count);
    size_t k = 0;
    for (size_t i = 0; i < optimizer->params.size(); ++i) {
      optimizer->ensure_state(i);
      const ParamState& s = optimizer->state[i];
      TORCH_CHECK(bytes[k] == static_cast<int64_t>(sizeof(double)), "optimizer state entry ", k, " is a step counter of ",
                  sizeof(double), " bytes, the destination has ", bytes[k]);
      std::memcpy(destinations[k], &s.step, sizeof(double));
      ++k;
      for (const at::Tensor& buffer : s.buffers) {
        a3c::copy_to_host(buffer, destinations[k], static_cast<size_t>(bytes[k]));
        ++k;
      }
    }
    return 0;
  })
}

A3C_EXPORT int32_t a3c_optim_state_set(Optimizer* optimizer, const tensor_t* state, int64_t count) {
  A3C_GUARD(-1, {
    int64_t expected = a3c_optim_state_size(optimizer);
    TORCH_CHECK(count == expected, "optimizer state has ", count, " tensors, this optimizer expects ", expected);
    at::NoGradGuard no_grad;
    size_t k = 0;
    for (size_t i = 0; i < optimizer->params.size(); ++i) {
      optimizer->ensure_state(i);
      ParamState& s = optimizer->state[i];
      TORCH_CHECK(state[k]->numel() == 1, "optimizer state tensor ", k, " should be a step counter");
      s.step = state[k++]->item<double>();
      for (at::Tensor& buffer : s.buffers) {
        const at::Tensor& source = *state[k];
        TORCH_CHECK(source.sizes() == buffer.sizes(), "optimizer state tensor ", k, " has shape ", source.sizes(),
                    " but parameter ", i, " has shape ", buffer.sizes());
        buffer.copy_(source);
        ++k;
      }
    }
    return 0;
  })
}
