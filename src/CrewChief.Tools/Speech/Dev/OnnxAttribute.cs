using CrewChief.Speech;
namespace CrewChief.Tools.Speech.Dev;

/// <summary>A node attribute (AttributeProto: name 1, f 2, i 3, floats 7, ints 8, type 20).</summary>
internal readonly struct OnnxAttribute
{
    private readonly string _name;
    private readonly int _type;
    private readonly long _int;
    private readonly float _float;
    private readonly long[]? _ints;

    private OnnxAttribute(string name, int type, long i, float f, long[]? ints)
    {
        _name = name;
        _type = type;
        _int = i;
        _float = f;
        _ints = ints;
    }

    public static OnnxAttribute Int(string name, long value) => new(name, 2, value, 0, null);
    public static OnnxAttribute Float(string name, float value) => new(name, 1, 0, value, null);
    public static OnnxAttribute Ints(string name, params long[] values) => new(name, 7, 0, 0, values);

    public ProtoWriter Encode()
    {
        var a = new ProtoWriter();
        a.String(1, _name);
        switch (_type)
        {
            case 1: a.Float(2, _float); break;
            case 2: a.Int64(3, _int); break;
            case 7: foreach (long v in _ints!) a.Int64(8, v); break;
        }
        a.Int64(20, _type);
        return a;
    }
}
