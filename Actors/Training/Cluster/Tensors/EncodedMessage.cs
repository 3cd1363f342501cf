namespace A3C.Actors.Training.Cluster.Tensors;

/// <summary>A training message serialized once for every link that sends it.</summary>
internal sealed record EncodedMessage(string Manifest, byte[] Payload);
