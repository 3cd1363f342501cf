namespace A3C.Actors.Remote.Serialization;

/// <summary>
/// The element types a receiver can allocate an array of before the message is decoded, so that a
/// large array's bytes go from the socket straight into the array the message will hold
/// (<see cref="Transport.LandingArray"/>). Arrays of other element types arrive the ordinary way.
/// </summary>
internal enum ArrayElementKind : byte
{
    None = 0,
    Byte,
    SByte,
    Int16,
    UInt16,
    Int32,
    UInt32,
    Int64,
    UInt64,
    Half,
    Single,
    Double,
}

internal static class ArrayElementKinds
{
    public static ArrayElementKind Of<T>() where T : unmanaged => KindOf<T>.Value;

    /// <summary>The size of one element, or 0 for <see cref="ArrayElementKind.None"/> and unknown codes.</summary>
    public static int SizeOf(ArrayElementKind kind) => kind switch
    {
        ArrayElementKind.Byte or ArrayElementKind.SByte => 1,
        ArrayElementKind.Int16 or ArrayElementKind.UInt16 or ArrayElementKind.Half => 2,
        ArrayElementKind.Int32 or ArrayElementKind.UInt32 or ArrayElementKind.Single => 4,
        ArrayElementKind.Int64 or ArrayElementKind.UInt64 or ArrayElementKind.Double => 8,
        _ => 0,
    };

    private static class KindOf<T> where T : unmanaged
    {
        // An enum reports its underlying type's code, but an int[] is no array of that enum.
        public static readonly ArrayElementKind Value = typeof(T).IsEnum ? ArrayElementKind.None : Type.GetTypeCode(typeof(T)) switch
        {
            TypeCode.Byte => ArrayElementKind.Byte,
            TypeCode.SByte => ArrayElementKind.SByte,
            TypeCode.Int16 => ArrayElementKind.Int16,
            TypeCode.UInt16 => ArrayElementKind.UInt16,
            TypeCode.Int32 => ArrayElementKind.Int32,
            TypeCode.UInt32 => ArrayElementKind.UInt32,
            TypeCode.Int64 => ArrayElementKind.Int64,
            TypeCode.UInt64 => ArrayElementKind.UInt64,
            TypeCode.Single => ArrayElementKind.Single,
            TypeCode.Double => ArrayElementKind.Double,
            _ when typeof(T) == typeof(Half) => ArrayElementKind.Half,
            _ => ArrayElementKind.None,
        };
    }
}
