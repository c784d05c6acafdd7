namespace CrewChief.Telemetry;

/// <summary>irsdk_VarType: how a variable's bytes are laid out in a var buffer.</summary>
public enum IrsdkVarType
{
    Char = 0,
    Bool = 1,
    Int = 2,
    Bitfield = 3,
    Float = 4,
    Double = 5,
}

internal static class IrsdkVarTypeExtensions
{
    /// <summary>Bytes per element, or 0 for a type this reader does not know (such a variable is ignored).</summary>
    public static int ElementSize(this IrsdkVarType type) => type switch
    {
        IrsdkVarType.Char or IrsdkVarType.Bool => 1,
        IrsdkVarType.Int or IrsdkVarType.Bitfield or IrsdkVarType.Float => 4,
        IrsdkVarType.Double => 8,
        _ => 0,
    };

    public static string Name(this IrsdkVarType type) => type switch
    {
        IrsdkVarType.Char => "char",
        IrsdkVarType.Bool => "bool",
        IrsdkVarType.Int => "int",
        IrsdkVarType.Bitfield => "bitfield",
        IrsdkVarType.Float => "float",
        IrsdkVarType.Double => "double",
        _ => "unknown",
    };
}
