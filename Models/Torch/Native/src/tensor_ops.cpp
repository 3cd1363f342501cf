// Tensor arithmetic, reductions, shape and indexing operations. Families of ops share one entry
// point selected by an op code (the enums mirrored in Models/Torch/Native/OpCodes.cs), which keeps
// the ABI small without hiding what each code does.
#include <vector>

#include "a3c_torch.h"

namespace {

enum UnaryOp : int32_t {
  Neg, Exp, Log, Tanh, Relu, Sigmoid, Softplus, Sqrt, Abs, Sign, Square, IsFinite, LogicalNot, Floor,
  Reciprocal, Rsqrt, Log1p, Sin, Cos, IsNan
};

enum BinaryOp : int32_t { Add, Sub, Mul, Div, Pow, Maximum, Minimum, Eq, Ne, Lt, Le, Gt, Ge, LogicalAnd, LogicalOr, Remainder };

enum ReduceOp : int32_t { Sum, Mean, Max, Min, ArgMax, ArgMin, Std, Var, All, Any, LogSumExp, Prod, Norm };

at::Tensor unary(const at::Tensor& a, int32_t op) {
  switch (op) {
    case Neg: return at::neg(a);
    case Exp: return at::exp(a);
    case Log: return at::log(a);
    case Tanh: return at::tanh(a);
    case Relu: return at::relu(a);
    case Sigmoid: return at::sigmoid(a);
    case Softplus: return at::softplus(a);
    case Sqrt: return at::sqrt(a);
    case Abs: return at::abs(a);
    case Sign: return at::sign(a);
    case Square: return at::square(a);
    case IsFinite: return at::isfinite(a);
    case LogicalNot: return at::logical_not(a);
    case Floor: return at::floor(a);
    case Reciprocal: return at::reciprocal(a);
    case Rsqrt: return at::rsqrt(a);
    case Log1p: return at::log1p(a);
    case Sin: return at::sin(a);
    case Cos: return at::cos(a);
    case IsNan: return at::isnan(a);
  }
  TORCH_CHECK(false, "unknown unary op code ", op);
}

template <typename Rhs>
at::Tensor binary(const at::Tensor& a, const Rhs& b, int32_t op) {
  switch (op) {
    case Add: return at::add(a, b);
    case Sub: return at::sub(a, b);
    case Mul: return at::mul(a, b);
    case Div: return at::div(a, b);
    case Pow: return at::pow(a, b);
    case Eq: return at::eq(a, b);
    case Ne: return at::ne(a, b);
    case Lt: return at::lt(a, b);
    case Le: return at::le(a, b);
    case Gt: return at::gt(a, b);
    case Ge: return at::ge(a, b);
    case Remainder: return at::remainder(a, b);
  }
  if constexpr (std::is_same_v<Rhs, at::Tensor>) {
    switch (op) {
      case Maximum: return at::maximum(a, b);
      case Minimum: return at::minimum(a, b);
      case LogicalAnd: return at::logical_and(a, b);
      case LogicalOr: return at::logical_or(a, b);
    }
  } else {
    switch (op) {
      case Maximum: return at::clamp_min(a, b);
      case Minimum: return at::clamp_max(a, b);
    }
  }
  TORCH_CHECK(false, "binary op code ", op, " is not defined for this operand kind");
}

template <typename Rhs>
void binary_inplace(at::Tensor& a, const Rhs& b, int32_t op) {
  switch (op) {
    case Add: a.add_(b); return;
    case Sub: a.sub_(b); return;
    case Mul: a.mul_(b); return;
    case Div: a.div_(b); return;
    case Pow: a.pow_(b); return;
  }
  TORCH_CHECK(false, "in-place binary op code ", op, " is not supported");
}

at::Tensor reduce_all(const at::Tensor& a, int32_t op) {
  switch (op) {
    case Sum: return at::sum(a);
    case Mean: return at::mean(a);
    case Max: return at::max(a);
    case Min: return at::min(a);
    case ArgMax: return at::argmax(a);
    case ArgMin: return at::argmin(a);
    case Std: return at::std(a);
    case Var: return at::var(a);
    case All: return at::all(a);
    case Any: return at::any(a);
    case Prod: return at::prod(a);
    case Norm: return at::norm(a);
  }
  TORCH_CHECK(false, "reduction op code ", op, " needs a dimension");
}

at::Tensor reduce_dim(const at::Tensor& a, int32_t op, int64_t dim, bool keepdim) {
  switch (op) {
    case Sum: return at::sum(a, {dim}, keepdim);
    case Mean: return at::mean(a, {dim}, keepdim);
    case Max: return std::get<0>(at::max(a, dim, keepdim));
    case Min: return std::get<0>(at::min(a, dim, keepdim));
    case ArgMax: return at::argmax(a, dim, keepdim);
    case ArgMin: return at::argmin(a, dim, keepdim);
    case Std: return at::std(a, {dim}, /*unbiased=*/true, keepdim);
    case Var: return at::var(a, {dim}, /*unbiased=*/true, keepdim);
    case All: return at::all(a, dim, keepdim);
    case Any: return at::any(a, dim, keepdim);
    case LogSumExp: return at::logsumexp(a, {dim}, keepdim);
    case Prod: return at::prod(a, dim, keepdim);
    case Norm: return at::norm(a, 2, {dim}, keepdim);
  }
  TORCH_CHECK(false, "unknown reduction op code ", op);
}

std::vector<at::Tensor> unpack(const tensor_t* tensors, int64_t count) {
  std::vector<at::Tensor> list;
  list.reserve(static_cast<size_t>(count));
  for (int64_t i = 0; i < count; ++i) list.push_back(*tensors[i]);
  return list;
}

}  // namespace

// ---- elementwise ---------------------------------------------------------------------------

A3C_EXPORT tensor_t a3c_unary(tensor_t a, int32_t op) {
  A3C_GUARD(nullptr, { return a3c::wrap(unary(*a, op)); })
}

A3C_EXPORT tensor_t a3c_binary(tensor_t a, tensor_t b, int32_t op) {
  A3C_GUARD(nullptr, { return a3c::wrap(binary(*a, *b, op)); })
}

A3C_EXPORT tensor_t a3c_binary_scalar(tensor_t a, double b, int32_t op) {
  A3C_GUARD(nullptr, { return a3c::wrap(binary(*a, at::Scalar(b), op)); })
}

// scalar (op) tensor, for the operators whose scalar stands on the left: 1 - p, 1 / x, 2 ^ x.
A3C_EXPORT tensor_t a3c_scalar_binary(double a, tensor_t b, int32_t op) {
  A3C_GUARD(nullptr, {
    switch (op) {
      case Sub: return a3c::wrap(at::rsub(*b, a));
      case Div: return a3c::wrap(at::mul(at::reciprocal(*b), a));
      case Pow: return a3c::wrap(at::pow(at::Scalar(a), *b));
      default: return a3c::wrap(binary(*b, at::Scalar(a), op));  // commutative ops
    }
  })
}

A3C_EXPORT int32_t a3c_binary_(tensor_t a, tensor_t b, int32_t op) {
  A3C_GUARD(-1, {
    binary_inplace(*a, *b, op);
    return 0;
  })
}

A3C_EXPORT int32_t a3c_binary_scalar_(tensor_t a, double b, int32_t op) {
  A3C_GUARD(-1, {
    binary_inplace(*a, at::Scalar(b), op);
    return 0;
  })
}

A3C_EXPORT int32_t a3c_fill_(tensor_t a, double value) {
  A3C_GUARD(-1, {
    a->fill_(value);
    return 0;
  })
}

A3C_EXPORT int32_t a3c_copy_(tensor_t destination, tensor_t source) {
  A3C_GUARD(-1, {
    destination->copy_(*source);
    return 0;
  })
}

A3C_EXPORT tensor_t a3c_clamp(tensor_t a, double min, double max, int32_t has_min, int32_t has_max) {
  A3C_GUARD(nullptr, {
    c10::optional<at::Scalar> lo = has_min ? c10::optional<at::Scalar>(min) : c10::nullopt;
    c10::optional<at::Scalar> hi = has_max ? c10::optional<at::Scalar>(max) : c10::nullopt;
    return a3c::wrap(at::clamp(*a, lo, hi));
  })
}

A3C_EXPORT tensor_t a3c_where(tensor_t condition, tensor_t a, tensor_t b) {
  A3C_GUARD(nullptr, { return a3c::wrap(at::where(*condition, *a, *b)); })
}

A3C_EXPORT tensor_t a3c_masked_fill(tensor_t a, tensor_t mask, double value) {
  A3C_GUARD(nullptr, { return a3c::wrap(at::masked_fill(*a, *mask, value)); })
}

A3C_EXPORT tensor_t a3c_masked_select(tensor_t a, tensor_t mask) {
  A3C_GUARD(nullptr, { return a3c::wrap(at::masked_select(*a, *mask)); })
}

// ---- reductions ----------------------------------------------------------------------------

A3C_EXPORT tensor_t a3c_reduce(tensor_t a, int32_t op) {
  A3C_GUARD(nullptr, { return a3c::wrap(reduce_all(*a, op)); })
}

A3C_EXPORT tensor_t a3c_reduce_dim(tensor_t a, int32_t op, int64_t dim, int32_t keepdim) {
  A3C_GUARD(nullptr, { return a3c::wrap(reduce_dim(*a, op, dim, keepdim != 0)); })
}

// ---- linear algebra and neural-network functions --------------------------------------------

A3C_EXPORT tensor_t a3c_matmul(tensor_t a, tensor_t b) {
  A3C_GUARD(nullptr, { return a3c::wrap(at::matmul(*a, *b)); })
}

A3C_EXPORT tensor_t a3c_linear(tensor_t input, tensor_t weight, tensor_t bias) {
  A3C_GUARD(nullptr, {
    c10::optional<at::Tensor> b = bias ? c10::optional<at::Tensor>(*bias) : c10::nullopt;
    return a3c::wrap(at::linear(*input, *weight, b));
  })
}

A3C_EXPORT tensor_t a3c_conv2d(tensor_t input, tensor_t weight, tensor_t bias, int64_t stride_h, int64_t stride_w,
                               int64_t pad_h, int64_t pad_w) {
  A3C_GUARD(nullptr, {
    c10::optional<at::Tensor> b = bias ? c10::optional<at::Tensor>(*bias) : c10::nullopt;
    return a3c::wrap(at::conv2d(*input, *weight, b, {stride_h, stride_w}, {pad_h, pad_w}));
  })
}

A3C_EXPORT tensor_t a3c_softmax(tensor_t a, int64_t dim) {
  A3C_GUARD(nullptr, { return a3c::wrap(at::softmax(*a, dim)); })
}

A3C_EXPORT tensor_t a3c_log_softmax(tensor_t a, int64_t dim) {
  A3C_GUARD(nullptr, { return a3c::wrap(at::log_softmax(*a, dim)); })
}

// reduction: 0 none, 1 mean, 2 sum (at::Reduction's values).
A3C_EXPORT tensor_t a3c_mse_loss(tensor_t input, tensor_t target, int32_t reduction) {
  A3C_GUARD(nullptr, { return a3c::wrap(at::mse_loss(*input, *target, reduction)); })
}

A3C_EXPORT tensor_t a3c_smooth_l1_loss(tensor_t input, tensor_t target, int32_t reduction, double beta) {
  A3C_GUARD(nullptr, { return a3c::wrap(at::smooth_l1_loss(*input, *target, reduction, beta)); })
}

// ---- shape ---------------------------------------------------------------------------------

A3C_EXPORT tensor_t a3c_reshape(tensor_t a, const int64_t* shape, int64_t ndim) {
  A3C_GUARD(nullptr, { return a3c::wrap(a->reshape(a3c::dims(shape, ndim))); })
}

A3C_EXPORT tensor_t a3c_view(tensor_t a, const int64_t* shape, int64_t ndim) {
  A3C_GUARD(nullptr, { return a3c::wrap(a->view(a3c::dims(shape, ndim))); })
}

A3C_EXPORT tensor_t a3c_expand(tensor_t a, const int64_t* shape, int64_t ndim) {
  A3C_GUARD(nullptr, { return a3c::wrap(a->expand(a3c::dims(shape, ndim))); })
}

A3C_EXPORT tensor_t a3c_permute(tensor_t a, const int64_t* dims, int64_t ndim) {
  A3C_GUARD(nullptr, { return a3c::wrap(a->permute(a3c::dims(dims, ndim))); })
}

A3C_EXPORT tensor_t a3c_transpose(tensor_t a, int64_t dim0, int64_t dim1) {
  A3C_GUARD(nullptr, { return a3c::wrap(a->transpose(dim0, dim1)); })
}

// dim < -ndim means "every dimension of size one".
A3C_EXPORT tensor_t a3c_squeeze(tensor_t a, int64_t dim, int32_t all) {
  A3C_GUARD(nullptr, { return a3c::wrap(all ? a->squeeze() : a->squeeze(dim)); })
}

A3C_EXPORT tensor_t a3c_unsqueeze(tensor_t a, int64_t dim) {
  A3C_GUARD(nullptr, { return a3c::wrap(a->unsqueeze(dim)); })
}

A3C_EXPORT tensor_t a3c_flatten(tensor_t a, int64_t start, int64_t end) {
  A3C_GUARD(nullptr, { return a3c::wrap(a->flatten(start, end)); })
}

A3C_EXPORT tensor_t a3c_contiguous(tensor_t a) {
  A3C_GUARD(nullptr, { return a3c::wrap(a->contiguous()); })
}

A3C_EXPORT tensor_t a3c_clone(tensor_t a) {
  A3C_GUARD(nullptr, { return a3c::wrap(a->clone()); })
}

A3C_EXPORT tensor_t a3c_cat(const tensor_t* tensors, int64_t count, int64_t dim) {
  A3C_GUARD(nullptr, { return a3c::wrap(at::cat(unpack(tensors, count), dim)); })
}

A3C_EXPORT tensor_t a3c_stack(const tensor_t* tensors, int64_t count, int64_t dim) {
  A3C_GUARD(nullptr, { return a3c::wrap(at::stack(unpack(tensors, count), dim)); })
}

// ---- indexing ------------------------------------------------------------------------------

A3C_EXPORT tensor_t a3c_slice(tensor_t a, int64_t dim, int64_t start, int64_t end, int64_t step) {
  A3C_GUARD(nullptr, { return a3c::wrap(a->slice(dim, start, end, step)); })
}

A3C_EXPORT tensor_t a3c_select(tensor_t a, int64_t dim, int64_t index) {
  A3C_GUARD(nullptr, { return a3c::wrap(a->select(dim, index)); })
}

A3C_EXPORT tensor_t a3c_gather(tensor_t a, int64_t dim, tensor_t index) {
  A3C_GUARD(nullptr, { return a3c::wrap(at::gather(*a, dim, *index)); })
}

A3C_EXPORT tensor_t a3c_index_select(tensor_t a, int64_t dim, tensor_t index) {
  A3C_GUARD(nullptr, { return a3c::wrap(at::index_select(*a, dim, *index)); })
}

A3C_EXPORT tensor_t a3c_one_hot(tensor_t indices, int64_t classes) {
  A3C_GUARD(nullptr, { return a3c::wrap(at::one_hot(*indices, classes)); })
}
