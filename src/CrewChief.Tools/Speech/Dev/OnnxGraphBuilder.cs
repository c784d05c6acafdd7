using System.Globalization;
using System.Runtime.InteropServices;
using CrewChief.Speech;

namespace CrewChief.Tools.Speech.Dev;

/// <summary>
/// Builds an ONNX model (ModelProto) by hand: graph inputs/outputs, initializers and nodes, encoded with
/// <see cref="ProtoWriter"/>. Field numbers follow onnx.proto (ModelProto: ir_version 1, producer_name 2, graph 7,
/// opset_import 8; GraphProto: node 1, name 2, initializer 5, input 11, output 12; NodeProto: input 1, output 2,
/// name 3, op_type 4, attribute 5; TensorProto: dims 1, data_type 2, name 8, raw_data 9; ValueInfoProto: name 1,
/// type 2; TypeProto.tensor_type 1 → elem_type 1, shape 2 → dim 1 → dim_value 1 / dim_param 2).
/// </summary>
internal sealed class OnnxGraphBuilder(string graphName)
{
    public const int Float = 1, Int64 = 7;

    private readonly List<ProtoWriter> _nodes = [];
    private readonly List<ProtoWriter> _initializers = [];
    private readonly List<ProtoWriter> _inputs = [];
    private readonly List<ProtoWriter> _outputs = [];
    private int _next;

    /// <summary>A fresh tensor name.</summary>
    public string Name(string hint) => $"{hint}_{_next++}";

    /// <summary>Declares a graph input; each dim is a number or a symbolic name such as "N".</summary>
    public void Input(string name, int elementType, params string[] dims) => _inputs.Add(ValueInfo(name, elementType, dims));

    public void Output(string name, int elementType, params string[] dims) => _outputs.Add(ValueInfo(name, elementType, dims));

    private static ProtoWriter ValueInfo(string name, int elementType, string[] dims)
    {
        var shape = new ProtoWriter();
        foreach (string d in dims)
        {
            var dim = new ProtoWriter();
            if (long.TryParse(d, NumberStyles.Integer, CultureInfo.InvariantCulture, out long value)) dim.Int64(1, value);
            else dim.String(2, d);
            shape.Message(1, dim);
        }
        var tensorType = new ProtoWriter();
        tensorType.Int64(1, elementType);
        tensorType.Message(2, shape);
        var type = new ProtoWriter();
        type.Message(1, tensorType);
        var info = new ProtoWriter();
        info.String(1, name);
        info.Message(2, type);
        return info;
    }

    /// <summary>Adds a float initializer and returns its name.</summary>
    public string Const(ReadOnlySpan<float> data, params long[] dims) => Initializer(MemoryMarshal.AsBytes(data), Float, dims);

    public string ConstInt64(ReadOnlySpan<long> data, params long[] dims) => Initializer(MemoryMarshal.AsBytes(data), Int64, dims);

    /// <summary>A float scalar (rank 0).</summary>
    public string Scalar(float value) => Const([value]);

    public string ScalarInt64(long value) => ConstInt64([value]);

    private string Initializer(ReadOnlySpan<byte> raw, int elementType, long[] dims)
    {
        // raw_data is little-endian; so is every machine this runs on.
        string name = Name("const");
        var t = new ProtoWriter();
        foreach (long d in dims) t.Int64(1, d);
        t.Int64(2, elementType);
        t.String(8, name);
        t.Bytes(9, raw);
        _initializers.Add(t);
        return name;
    }

    /// <summary>Adds a node; returns the name of its (first) output, made up when not given.</summary>
    public string Node(string opType, string[] inputs, string? output = null, params OnnxAttribute[] attributes)
    {
        output ??= Name(opType.ToLowerInvariant());
        var node = new ProtoWriter();
        foreach (string i in inputs) node.String(1, i);
        node.String(2, output);
        node.String(3, Name("node"));
        node.String(4, opType);
        foreach (OnnxAttribute a in attributes) node.Message(5, a.Encode());
        _nodes.Add(node);
        return output;
    }

    /// <summary>Adds a node with several outputs (e.g. Split).</summary>
    public string[] NodeMulti(string opType, string[] inputs, int outputCount, params OnnxAttribute[] attributes)
    {
        var outputs = new string[outputCount];
        var node = new ProtoWriter();
        foreach (string i in inputs) node.String(1, i);
        for (int k = 0; k < outputCount; k++)
        {
            outputs[k] = Name(opType.ToLowerInvariant());
            node.String(2, outputs[k]);
        }
        node.String(3, Name("node"));
        node.String(4, opType);
        foreach (OnnxAttribute a in attributes) node.Message(5, a.Encode());
        _nodes.Add(node);
        return outputs;
    }

    public byte[] ToModel(int opset = 17, long irVersion = 8)
    {
        var graph = new ProtoWriter();
        foreach (var n in _nodes) graph.Message(1, n);
        graph.String(2, graphName);
        foreach (var i in _initializers) graph.Message(5, i);
        foreach (var i in _inputs) graph.Message(11, i);
        foreach (var o in _outputs) graph.Message(12, o);
        var opsetId = new ProtoWriter();
        opsetId.String(1, "");
        opsetId.Int64(2, opset);
        var model = new ProtoWriter();
        model.Int64(1, irVersion);
        model.String(2, "crewchief-dev");
        model.Message(7, graph);
        model.Message(8, opsetId);
        return model.ToArray();
    }
}
