// The whole A2C loss and its backward pass for the small actor-critic MLP (one hidden ReLU layer
// shared by a policy head and a value head), in one call and plain loops. For CartPole-sized
// networks every libtorch op costs more in dispatch and autograd bookkeeping than in arithmetic,
// so the gradients are written out analytically instead of recorded and replayed:
//
//   hidden = relu(W1 x + b1),  logits = Wp hidden + bp,  value = Wv hidden + bv
//   target = R + discount * value(bootstrap)                 no gradient
//   loss   = -mean(adv * log pi(a)) + cv * mean((value - target)^2) - beta * mean(H(pi))
//
//   d loss / d logits_j = (-adv (1[j = a] - p_j) + beta p_j (log p_j + H)) / B
//   d loss / d value    = 2 cv (value - target) / B
#include <algorithm>
#include <cmath>
#include <vector>

#include "a3c_torch.h"

namespace {

// Positions of the MLP's parameters, in the order the managed network registers them.
enum Param { BodyWeight, BodyBias, PolicyWeight, PolicyBias, ValueWeight, ValueBias, ParamCount };

// The order and the statistics written to `statistics`, as A2CStatistics reports them.
enum Statistic { Total, Policy, Value, Entropy, Advantage, Values, Targets, StatisticCount };

// Loops run along the hidden units (contiguous) so that the compiler vectorises them; sums across
// them are marked as SIMD reductions, which keeps the order of float additions otherwise free.
struct Mlp {
  int64_t inputs, hidden, actions;
  std::vector<float> w1t;  // body weight transposed to [inputs, hidden]
  const float* b1;
  const float* wp;
  const float* bp;
  const float* wv;
  const float* bv;

  static float dot(const float* a, const float* b, int64_t n) {
    float sum = 0;
#pragma omp simd reduction(+ : sum)
    for (int64_t k = 0; k < n; ++k) sum += a[k] * b[k];
    return sum;
  }

  // Hidden activations [batch, hidden] and values [batch]; logits [batch, actions] when asked.
  void forward(const float* x, int64_t batch, float* activations, float* logits, float* values) const {
    for (int64_t b = 0; b < batch; ++b) {
      float* hb = activations + b * hidden;
      std::copy(b1, b1 + hidden, hb);
      for (int64_t i = 0; i < inputs; ++i) {
        const float xi = x[b * inputs + i];
        const float* column = w1t.data() + i * hidden;
        for (int64_t h = 0; h < hidden; ++h) hb[h] += xi * column[h];
      }
      for (int64_t h = 0; h < hidden; ++h) hb[h] = std::max(hb[h], 0.0f);
      values[b] = bv[0] + dot(wv, hb, hidden);
      if (logits == nullptr) continue;
      for (int64_t a = 0; a < actions; ++a) logits[b * actions + a] = bp[a] + dot(wp + a * hidden, hb, hidden);
    }
  }
};

void check_parameter(const at::Tensor& t, int index, std::initializer_list<int64_t> shape) {
  TORCH_CHECK(t.device().is_cpu() && t.scalar_type() == at::kFloat && t.is_contiguous(), "mlp_a2c: parameter ", index,
              " must be a contiguous float32 CPU tensor, got ", t.toString(), " on ", t.device());
  TORCH_CHECK(t.sizes() == at::IntArrayRef(shape), "mlp_a2c: parameter ", index, " has shape ", t.sizes(),
              ", expected ", at::IntArrayRef(shape));
}

// A zeroed gradient buffer for a parameter. The one it holds is reused when nothing else refers to
// it (the usual case, and a saved allocation per parameter); otherwise it gets a fresh one, as
// backward after zero_grad(set_to_none) would, so that a gradient someone kept is not overwritten.
float* zeroed_grad(at::Tensor& param) {
  at::Tensor& grad = param.mutable_grad();
  if (grad.defined() && grad.use_count() == 1 && grad.is_contiguous() && grad.sizes() == param.sizes() &&
      grad.scalar_type() == at::kFloat && grad.device().is_cpu()) {
    std::fill_n(grad.data_ptr<float>(), grad.numel(), 0.0f);
  } else {
    grad = at::zeros_like(param, at::MemoryFormat::Contiguous);
  }
  return grad.data_ptr<float>();
}

}  // namespace

// params: body.weight [H, I], body.bias [H], policy.weight [A, H], policy.bias [A],
// value.weight [1, H], value.bias [1]. The batch's rows are float observations [batch, I],
// actions, n-step returns, bootstrap observations and their discounts (0 after termination).
// Sets every parameter's gradient and writes the seven statistics (see Statistic).
A3C_EXPORT int32_t a3c_mlp_a2c_backward(const tensor_t* params, int64_t count, const float* observations,
                                        const int32_t* actions, const float* returns,
                                        const float* bootstrap_observations, const float* bootstrap_discounts,
                                        int64_t batch, double value_coefficient, double entropy_beta,
                                        double* statistics) {
  A3C_GUARD(-1, {
    TORCH_CHECK(count == ParamCount, "mlp_a2c: expected ", static_cast<int>(ParamCount), " parameters, got ", count);
    TORCH_CHECK(batch > 0, "mlp_a2c: the batch is empty");
    const int64_t H = params[BodyWeight]->size(0), I = params[BodyWeight]->dim() == 2 ? params[BodyWeight]->size(1) : 0,
                  A = params[PolicyWeight]->size(0);
    check_parameter(*params[BodyWeight], BodyWeight, {H, I});
    check_parameter(*params[BodyBias], BodyBias, {H});
    check_parameter(*params[PolicyWeight], PolicyWeight, {A, H});
    check_parameter(*params[PolicyBias], PolicyBias, {A});
    check_parameter(*params[ValueWeight], ValueWeight, {1, H});
    check_parameter(*params[ValueBias], ValueBias, {1});
    for (int64_t b = 0; b < batch; ++b)
      TORCH_CHECK(actions[b] >= 0 && actions[b] < A, "mlp_a2c: action ", actions[b], " in row ", b,
                  " is outside the policy's ", A, " actions");

    const float* w1 = params[BodyWeight]->data_ptr<float>();
    Mlp net{I,
            H,
            A,
            std::vector<float>(I * H),
            params[BodyBias]->data_ptr<float>(),
            params[PolicyWeight]->data_ptr<float>(),
            params[PolicyBias]->data_ptr<float>(),
            params[ValueWeight]->data_ptr<float>(),
            params[ValueBias]->data_ptr<float>()};
    for (int64_t h = 0; h < H; ++h)
      for (int64_t i = 0; i < I; ++i) net.w1t[i * H + h] = w1[h * I + i];

    std::vector<float> activations(batch * H), logits(batch * A), values(batch), targets(batch);
    net.forward(bootstrap_observations, batch, activations.data(), nullptr, targets.data());
    for (int64_t b = 0; b < batch; ++b) targets[b] = returns[b] + bootstrap_discounts[b] * targets[b];
    net.forward(observations, batch, activations.data(), logits.data(), values.data());

    // Loss terms and d loss / d logits (in place over the logits) and d loss / d value.
    const float inverse_batch = 1.0f / static_cast<float>(batch);
    const float beta = static_cast<float>(entropy_beta), cv = static_cast<float>(value_coefficient);
    std::vector<float> d_values(batch), log_p(A);
    double policy = 0, value = 0, entropy = 0, advantage_sum = 0, values_sum = 0, targets_sum = 0;
    for (int64_t b = 0; b < batch; ++b) {
      float* z = logits.data() + b * A;
      const float max = *std::max_element(z, z + A);
      float sum = 0;
      for (int64_t a = 0; a < A; ++a) sum += std::exp(z[a] - max);
      const float log_sum = max + std::log(sum);
      float h = 0;
      for (int64_t a = 0; a < A; ++a) {
        log_p[a] = z[a] - log_sum;
        h -= std::exp(log_p[a]) * log_p[a];
      }
      const float advantage = targets[b] - values[b];
      policy -= static_cast<double>(advantage) * log_p[actions[b]];
      value += static_cast<double>(advantage) * advantage;
      entropy += h;
      advantage_sum += advantage;
      values_sum += values[b];
      targets_sum += targets[b];
      for (int64_t a = 0; a < A; ++a) {
        const float p = std::exp(log_p[a]);
        const float chosen = a == actions[b] ? 1.0f : 0.0f;
        z[a] = (-advantage * (chosen - p) + beta * p * (log_p[a] + h)) * inverse_batch;
      }
      d_values[b] = 2.0f * cv * (values[b] - targets[b]) * inverse_batch;
    }

    // Backward through the heads and the hidden layer; the body weight's gradient is gathered
    // transposed, like its weight above, and written out at the end.
    float* g_w1 = zeroed_grad(*params[BodyWeight]);
    float* g_b1 = zeroed_grad(*params[BodyBias]);
    float* g_wp = zeroed_grad(*params[PolicyWeight]);
    float* g_bp = zeroed_grad(*params[PolicyBias]);
    float* g_wv = zeroed_grad(*params[ValueWeight]);
    float* g_bv = zeroed_grad(*params[ValueBias]);
    std::vector<float> d_hidden(H), g_w1t(I * H);
    for (int64_t b = 0; b < batch; ++b) {
      const float* hb = activations.data() + b * H;
      const float* dz = logits.data() + b * A;
      const float dv = d_values[b];
      g_bv[0] += dv;
      for (int64_t h = 0; h < H; ++h) {
        d_hidden[h] = dv * net.wv[h];
        g_wv[h] += dv * hb[h];
      }
      for (int64_t a = 0; a < A; ++a) {
        g_bp[a] += dz[a];
        const float* wp_a = net.wp + a * H;
        float* g_wp_a = g_wp + a * H;
        for (int64_t h = 0; h < H; ++h) {
          d_hidden[h] += dz[a] * wp_a[h];
          g_wp_a[h] += dz[a] * hb[h];
        }
      }
      // relu passes no gradient where it was off
      for (int64_t h = 0; h < H; ++h) d_hidden[h] = hb[h] > 0.0f ? d_hidden[h] : 0.0f;
      for (int64_t h = 0; h < H; ++h) g_b1[h] += d_hidden[h];
      for (int64_t i = 0; i < I; ++i) {
        const float xi = observations[b * I + i];
        float* row = g_w1t.data() + i * H;
        for (int64_t h = 0; h < H; ++h) row[h] += xi * d_hidden[h];
      }
    }
    for (int64_t h = 0; h < H; ++h)
      for (int64_t i = 0; i < I; ++i) g_w1[h * I + i] = g_w1t[i * H + h];

    const double n = static_cast<double>(batch);
    statistics[Policy] = policy / n;
    statistics[Value] = value / n;
    statistics[Entropy] = entropy / n;
    statistics[Total] = statistics[Policy] + value_coefficient * statistics[Value] - entropy_beta * statistics[Entropy];
    statistics[Advantage] = advantage_sum / n;
    statistics[Values] = values_sum / n;
    statistics[Targets] = targets_sum / n;
    return 0;
  })
}
