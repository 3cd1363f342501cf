using System.Runtime.InteropServices;

namespace A3C.LibTorch.Native;

/// <summary>
/// The C ABI of <c>liba3c_torch.so</c>. Functions that create a tensor return an invalid handle on
/// failure and functions that act return a non-zero status; either way <see cref="a3c_last_error"/>
/// holds libtorch's message, which <see cref="Check"/> raises as a <see cref="TorchException"/>.
/// </summary>
internal static unsafe partial class NativeMethods
{
    private const string Lib = NativeLibraryLoader.LibraryName;

    // Runs before the first native call, so the resolver is in place when the library loads.
    static NativeMethods() => NativeLibraryLoader.Register();

    // ---- errors ----
    [LibraryImport(Lib)] private static partial IntPtr a3c_last_error();

    internal static THandle Check<THandle>(THandle handle) where THandle : SafeHandle
    {
        if (handle.IsInvalid) throw new TorchException(LastError());
        return handle;
    }

    internal static void Check(int status)
    {
        if (status != 0) throw new TorchException(LastError());
    }

    private static string LastError() => Marshal.PtrToStringUTF8(a3c_last_error()) ?? "unknown libtorch error";

    // ---- lifetime and creation ----
    [LibraryImport(Lib)] internal static partial void a3c_tensor_free(IntPtr tensor);
    [LibraryImport(Lib)] internal static partial TensorHandle a3c_empty(long* shape, long ndim, int dtype, int device, int deviceIndex);
    [LibraryImport(Lib)] internal static partial TensorHandle a3c_full(long* shape, long ndim, double value, int dtype, int device, int deviceIndex);
    [LibraryImport(Lib)] internal static partial TensorHandle a3c_arange(double start, double end, double step, int dtype, int device, int deviceIndex);
    [LibraryImport(Lib)] internal static partial TensorHandle a3c_from_data(void* data, nuint bytes, long* shape, long ndim, int dtype);
    [LibraryImport(Lib)] internal static partial int a3c_copy_to(TensorHandle tensor, void* destination, nuint bytes);
    [LibraryImport(Lib)] internal static partial int a3c_copy_from(TensorHandle tensor, void* source, nuint bytes);
    [LibraryImport(Lib)] internal static partial IntPtr a3c_data_ptr(TensorHandle tensor);

    // ---- metadata ----
    [LibraryImport(Lib)] internal static partial long a3c_ndim(TensorHandle tensor);
    [LibraryImport(Lib)] internal static partial void a3c_shape(TensorHandle tensor, long* shape);
    [LibraryImport(Lib)] internal static partial long a3c_numel(TensorHandle tensor);
    [LibraryImport(Lib)] internal static partial int a3c_dtype(TensorHandle tensor);
    [LibraryImport(Lib)] internal static partial int a3c_device_type(TensorHandle tensor);
    [LibraryImport(Lib)] internal static partial int a3c_device_index(TensorHandle tensor);
    [LibraryImport(Lib)] internal static partial int a3c_requires_grad(TensorHandle tensor);
    [LibraryImport(Lib)] internal static partial int a3c_is_contiguous(TensorHandle tensor);
    [LibraryImport(Lib)] internal static partial int a3c_item(TensorHandle tensor, out double value);
    [LibraryImport(Lib)] internal static partial TensorHandle a3c_to(TensorHandle tensor, int dtype, int device, int deviceIndex, int copy);
    [LibraryImport(Lib)] internal static partial IntPtr a3c_to_string(TensorHandle tensor);
    [LibraryImport(Lib)] internal static partial void a3c_string_free(IntPtr text);

    // ---- random numbers and runtime settings ----
    [LibraryImport(Lib)] internal static partial void a3c_manual_seed(ulong seed);
    [LibraryImport(Lib)] internal static partial GeneratorHandle a3c_generator_new(ulong seed);
    [LibraryImport(Lib)] internal static partial void a3c_generator_free(IntPtr generator);
    [LibraryImport(Lib)] internal static partial TensorHandle a3c_generator_get_state(GeneratorHandle generator);
    [LibraryImport(Lib)] internal static partial int a3c_generator_set_state(GeneratorHandle generator, TensorHandle state);
    [LibraryImport(Lib)] internal static partial TensorHandle a3c_rand(long* shape, long ndim, int dtype, int device, int deviceIndex, IntPtr generator);
    [LibraryImport(Lib)] internal static partial TensorHandle a3c_randn(long* shape, long ndim, int dtype, int device, int deviceIndex, IntPtr generator);
    [LibraryImport(Lib)] internal static partial TensorHandle a3c_multinomial(TensorHandle probs, long samples, int replacement, IntPtr generator);
    [LibraryImport(Lib)] internal static partial void a3c_set_num_threads(int threads);
    [LibraryImport(Lib)] internal static partial int a3c_get_num_threads();
    [LibraryImport(Lib)] internal static partial int a3c_cuda_is_available();
    [LibraryImport(Lib)] internal static partial int a3c_cuda_device_count();
    [LibraryImport(Lib)] internal static partial int a3c_set_grad_enabled(int enabled);

    // ---- elementwise ----
    [LibraryImport(Lib)] internal static partial TensorHandle a3c_unary(TensorHandle a, int op);
    [LibraryImport(Lib)] internal static partial TensorHandle a3c_binary(TensorHandle a, TensorHandle b, int op);
    [LibraryImport(Lib)] internal static partial TensorHandle a3c_binary_scalar(TensorHandle a, double b, int op);
    [LibraryImport(Lib)] internal static partial TensorHandle a3c_scalar_binary(double a, TensorHandle b, int op);
    [LibraryImport(Lib)] internal static partial int a3c_binary_(TensorHandle a, TensorHandle b, int op);
    [LibraryImport(Lib)] internal static partial int a3c_binary_scalar_(TensorHandle a, double b, int op);
    [LibraryImport(Lib)] internal static partial int a3c_fill_(TensorHandle a, double value);
    [LibraryImport(Lib)] internal static partial int a3c_copy_(TensorHandle destination, TensorHandle source);
    [LibraryImport(Lib)] internal static partial TensorHandle a3c_clamp(TensorHandle a, double min, double max, int hasMin, int hasMax);
    [LibraryImport(Lib)] internal static partial TensorHandle a3c_where(TensorHandle condition, TensorHandle a, TensorHandle b);
    [LibraryImport(Lib)] internal static partial TensorHandle a3c_masked_fill(TensorHandle a, TensorHandle mask, double value);
    [LibraryImport(Lib)] internal static partial TensorHandle a3c_masked_select(TensorHandle a, TensorHandle mask);

    // ---- reductions, linear algebra, nn functions ----
    [LibraryImport(Lib)] internal static partial TensorHandle a3c_reduce(TensorHandle a, int op);
    [LibraryImport(Lib)] internal static partial TensorHandle a3c_reduce_dim(TensorHandle a, int op, long dim, int keepdim);
    [LibraryImport(Lib)] internal static partial TensorHandle a3c_matmul(TensorHandle a, TensorHandle b);
    [LibraryImport(Lib)] internal static partial TensorHandle a3c_linear(TensorHandle input, TensorHandle weight, IntPtr bias);
    [LibraryImport(Lib)] internal static partial TensorHandle a3c_conv2d(TensorHandle input, TensorHandle weight, IntPtr bias, long strideH, long strideW, long padH, long padW);
    [LibraryImport(Lib)] internal static partial TensorHandle a3c_softmax(TensorHandle a, long dim);
    [LibraryImport(Lib)] internal static partial TensorHandle a3c_log_softmax(TensorHandle a, long dim);
    [LibraryImport(Lib)] internal static partial TensorHandle a3c_mse_loss(TensorHandle input, TensorHandle target, int reduction);
    [LibraryImport(Lib)] internal static partial TensorHandle a3c_smooth_l1_loss(TensorHandle input, TensorHandle target, int reduction, double beta);

    // ---- shape and indexing ----
    [LibraryImport(Lib)] internal static partial TensorHandle a3c_reshape(TensorHandle a, long* shape, long ndim);
    [LibraryImport(Lib)] internal static partial TensorHandle a3c_view(TensorHandle a, long* shape, long ndim);
    [LibraryImport(Lib)] internal static partial TensorHandle a3c_expand(TensorHandle a, long* shape, long ndim);
    [LibraryImport(Lib)] internal static partial TensorHandle a3c_permute(TensorHandle a, long* dims, long ndim);
    [LibraryImport(Lib)] internal static partial TensorHandle a3c_transpose(TensorHandle a, long dim0, long dim1);
    [LibraryImport(Lib)] internal static partial TensorHandle a3c_squeeze(TensorHandle a, long dim, int all);
    [LibraryImport(Lib)] internal static partial TensorHandle a3c_unsqueeze(TensorHandle a, long dim);
    [LibraryImport(Lib)] internal static partial TensorHandle a3c_flatten(TensorHandle a, long start, long end);
    [LibraryImport(Lib)] internal static partial TensorHandle a3c_contiguous(TensorHandle a);
    [LibraryImport(Lib)] internal static partial TensorHandle a3c_clone(TensorHandle a);
    [LibraryImport(Lib)] internal static partial TensorHandle a3c_cat(IntPtr* tensors, long count, long dim);
    [LibraryImport(Lib)] internal static partial TensorHandle a3c_stack(IntPtr* tensors, long count, long dim);
    [LibraryImport(Lib)] internal static partial TensorHandle a3c_slice(TensorHandle a, long dim, long start, long end, long step);
    [LibraryImport(Lib)] internal static partial TensorHandle a3c_select(TensorHandle a, long dim, long index);
    [LibraryImport(Lib)] internal static partial TensorHandle a3c_gather(TensorHandle a, long dim, TensorHandle index);
    [LibraryImport(Lib)] internal static partial TensorHandle a3c_index_select(TensorHandle a, long dim, TensorHandle index);
    [LibraryImport(Lib)] internal static partial TensorHandle a3c_one_hot(TensorHandle indices, long classes);

    // ---- autograd and parameters ----
    [LibraryImport(Lib)] internal static partial int a3c_backward(TensorHandle tensor, IntPtr gradient);
    [LibraryImport(Lib)] internal static partial TensorHandle a3c_grad(TensorHandle tensor);
    [LibraryImport(Lib)] internal static partial int a3c_set_requires_grad(TensorHandle tensor, int requiresGrad);
    [LibraryImport(Lib)] internal static partial TensorHandle a3c_detach(TensorHandle tensor);
    [LibraryImport(Lib)] internal static partial int a3c_zero_grad(IntPtr* parameters, long count);
    [LibraryImport(Lib)] internal static partial int a3c_clip_grad_norm(IntPtr* parameters, long count, double maxNorm, out double totalNorm);
    [LibraryImport(Lib)] internal static partial int a3c_params_to_flat(IntPtr* parameters, long count, int part, float* destination, nuint elements);
    [LibraryImport(Lib)] internal static partial int a3c_params_from_flat(IntPtr* parameters, long count, int part, float* source, nuint elements);
    [LibraryImport(Lib)] internal static partial int a3c_init_(TensorHandle tensor, int kind, double a, double b);

    // ---- fused networks ----
    [LibraryImport(Lib)] internal static partial int a3c_mlp_a2c_backward(IntPtr* parameters, long count, float* observations,
        int* actions, float* returns, float* bootstrapObservations, float* bootstrapDiscounts, long batch,
        double valueCoefficient, double entropyBeta, double* statistics);

    // ---- optimizers ----
    [LibraryImport(Lib)] internal static partial OptimizerHandle a3c_optim_new(int kind, IntPtr* parameters, long count, double lr, double beta1OrAlpha, double beta2, double eps, double weightDecay, double momentum, int centered);
    [LibraryImport(Lib)] internal static partial void a3c_optim_free(IntPtr optimizer);
    [LibraryImport(Lib)] internal static partial int a3c_optim_step(OptimizerHandle optimizer);
    [LibraryImport(Lib)] internal static partial int a3c_optim_clip_step(OptimizerHandle optimizer, double maxNorm, out double totalNorm);
    [LibraryImport(Lib)] internal static partial void a3c_optim_set_lr(OptimizerHandle optimizer, double lr);
    [LibraryImport(Lib)] internal static partial double a3c_optim_get_lr(OptimizerHandle optimizer);
    [LibraryImport(Lib)] internal static partial long a3c_optim_state_size(OptimizerHandle optimizer);
    [LibraryImport(Lib)] internal static partial int a3c_optim_state_get(OptimizerHandle optimizer, IntPtr* state);
    [LibraryImport(Lib)] internal static partial int a3c_optim_state_copy_to(OptimizerHandle optimizer, byte** destinations, long* bytes, long count);
    [LibraryImport(Lib)] internal static partial int a3c_optim_state_set(OptimizerHandle optimizer, IntPtr* state, long count);
}
