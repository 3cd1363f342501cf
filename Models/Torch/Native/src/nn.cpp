// Parameter initialisers, delegated to libtorch's torch::nn::init so they match PyTorch's.
#include <torch/nn/init.h>

#include "a3c_torch.h"

namespace {

enum Init : int32_t { Orthogonal, XavierUniform, XavierNormal, KaimingUniform, Uniform, Normal, Constant };

}  // namespace

// a and b are the initialiser's parameters: gain for orthogonal and Xavier, the negative slope for
// Kaiming, bounds for uniform, mean and std for normal, the value for constant.
A3C_EXPORT int32_t a3c_init_(tensor_t t, int32_t kind, double a, double b) {
  A3C_GUARD(-1, {
    switch (kind) {
      case Orthogonal: torch::nn::init::orthogonal_(*t, a); break;
      case XavierUniform: torch::nn::init::xavier_uniform_(*t, a); break;
      case XavierNormal: torch::nn::init::xavier_normal_(*t, a); break;
      case KaimingUniform: torch::nn::init::kaiming_uniform_(*t, a); break;
      case Uniform: torch::nn::init::uniform_(*t, a, b); break;
      case Normal: torch::nn::init::normal_(*t, a, b); break;
      case Constant: torch::nn::init::constant_(*t, a); break;
      default: TORCH_CHECK(false, "unknown initialiser code ", kind);
    }
    return 0;
  })
}
