namespace A3C.Configuration;

/// <summary>The kinds of resolved values a config can hold.</summary>
public enum ConfigValueType
{
    Object,
    List,
    String,
    Number,
    Boolean,
    Null,
}
