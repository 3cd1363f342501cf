namespace A3C.Models.Networks;

/// <summary>How an exported <c>state_dict</c> is written.</summary>
public enum WeightsFormat
{
    /// <summary><c>torch.save</c>'s zip archive, which <c>torch.load</c> reads.</summary>
    PyTorch,

    /// <summary>A safetensors file, which <c>safetensors.torch.load_file</c> reads.</summary>
    Safetensors,
}
