using System.Buffers.Binary;
using System.Text;
using CrewChief.Llm;

namespace CrewChief.Tools.Llm.Gguf;

/// <summary>
/// Writes a GGUF v3 file: "GGUF", version, tensor count, metadata count, the metadata key/values, the tensor
/// infos (name, dims innermost first, ggml type, offset into the data section), then the tensor data, each
/// tensor starting on a 32-byte boundary (GGUF's default general.alignment). Tensor bytes are produced by a
/// callback when the file is written, so a multi-GB model never sits in memory.
/// </summary>
public sealed class GgufWriter : IDisposable
{
    public const int Alignment = 32;

    // GGUF metadata value types.
    private const uint TypeUInt32 = 4;
    private const uint TypeInt32 = 5;
    private const uint TypeFloat32 = 6;
    private const uint TypeBool = 7;
    private const uint TypeString = 8;
    private const uint TypeArray = 9;

    /// <summary>The encoded metadata key/values, in insertion order.</summary>
    private readonly MemoryStream _metadata = new();

    /// <summary>How many key/values <see cref="_metadata"/> holds.</summary>
    private long _metadataCount;

    /// <summary>Tensors in file order.</summary>
    private readonly List<TensorEntry> _tensors = [];

    private readonly record struct TensorEntry(string Name, long[] Dims, GgmlType Type, long ByteSize, Action<Stream> WriteData);

    public void Add(string key, uint value) => AddScalar(key, TypeUInt32, w => w.Write(value));

    public void Add(string key, float value) => AddScalar(key, TypeFloat32, w => w.Write(value));

    public void Add(string key, bool value) => AddScalar(key, TypeBool, w => w.Write(value ? (byte)1 : (byte)0));

    public void Add(string key, string value) => AddScalar(key, TypeString, w => WriteString(w, value));

    public void Add(string key, IReadOnlyList<string> values) => AddArray(key, TypeString, values.Count, w =>
    {
        foreach (string v in values) WriteString(w, v);
    });

    public void Add(string key, IReadOnlyList<float> values) => AddArray(key, TypeFloat32, values.Count, w =>
    {
        foreach (float v in values) w.Write(v);
    });

    public void Add(string key, IReadOnlyList<int> values) => AddArray(key, TypeInt32, values.Count, w =>
    {
        foreach (int v in values) w.Write(v);
    });

    /// <summary>Declares a tensor; <paramref name="writeData"/> must write exactly its byte size when called.</summary>
    /// <param name="dims">ggml order: the row length (innermost) first.</param>
    public void AddTensor(string name, long[] dims, GgmlType type, Action<Stream> writeData)
    {
        long elements = 1;
        foreach (long d in dims) elements *= d;
        long bytes = type switch
        {
            GgmlType.F32 => elements * 4,
            GgmlType.F16 => elements * 2,
            _ => throw new ArgumentOutOfRangeException(nameof(type)),
        };
        _tensors.Add(new TensorEntry(name, dims, type, bytes, writeData));
    }

    public void Dispose() => _metadata.Dispose();

    public void WriteTo(string path)
    {
        using var file = new FileStream(path, FileMode.Create, FileAccess.Write, FileShare.None, 1 << 20);
        using var w = new BinaryWriter(file, Encoding.UTF8, leaveOpen: true);
        w.Write("GGUF"u8);
        w.Write(3u);
        w.Write((long)_tensors.Count);
        w.Write(_metadataCount);
        w.Flush();
        _metadata.Position = 0;
        _metadata.CopyTo(file);

        long offset = 0;
        foreach (var t in _tensors)
        {
            WriteString(w, t.Name);
            w.Write((uint)t.Dims.Length);
            foreach (long d in t.Dims) w.Write(d);
            w.Write((uint)t.Type);
            w.Write((ulong)offset);
            offset = AlignUp(offset + t.ByteSize);
        }
        w.Flush();
        Pad(file);
        foreach (var t in _tensors)
        {
            long before = file.Position;
            t.WriteData(file);
            if (file.Position - before != t.ByteSize)
                throw new InvalidOperationException($"tensor {t.Name} wrote {file.Position - before} bytes, declared {t.ByteSize}");
            Pad(file);
        }
    }

    private void AddScalar(string key, uint type, Action<BinaryWriter> writeValue)
    {
        using var w = new BinaryWriter(_metadata, Encoding.UTF8, leaveOpen: true);
        WriteString(w, key);
        w.Write(type);
        writeValue(w);
        _metadataCount++;
    }

    private void AddArray(string key, uint elementType, int count, Action<BinaryWriter> writeElements)
    {
        using var w = new BinaryWriter(_metadata, Encoding.UTF8, leaveOpen: true);
        WriteString(w, key);
        w.Write(TypeArray);
        w.Write(elementType);
        w.Write((ulong)count);
        writeElements(w);
        _metadataCount++;
    }

    // GGUF strings: uint64 byte length, UTF-8 bytes, no terminator.
    private static void WriteString(BinaryWriter w, string s)
    {
        byte[] bytes = Encoding.UTF8.GetBytes(s);
        w.Write((ulong)bytes.Length);
        w.Write(bytes);
    }

    private static long AlignUp(long n) => (n + Alignment - 1) / Alignment * Alignment;

    private static void Pad(Stream s)
    {
        long pad = AlignUp(s.Position) - s.Position;
        for (long i = 0; i < pad; i++) s.WriteByte(0);
    }

    /// <summary>Writes <paramref name="count"/> little-endian floats from a generator, in blocks.</summary>
    public static void WriteFloats(Stream s, long count, Func<float> next)
    {
        byte[] block = new byte[1 << 16];
        long left = count;
        while (left > 0)
        {
            int n = (int)Math.Min(left, block.Length / 4);
            for (int i = 0; i < n; i++) BinaryPrimitives.WriteSingleLittleEndian(block.AsSpan(i * 4), next());
            s.Write(block, 0, n * 4);
            left -= n;
        }
    }
}
