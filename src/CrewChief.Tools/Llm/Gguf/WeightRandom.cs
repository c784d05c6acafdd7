using System.Buffers.Binary;
using CrewChief.Llm;

namespace CrewChief.Tools.Llm.Gguf;

/// <summary>
/// xorshift64* random weights. Half-precision weights are made straight from random bits (sign, a fixed small
/// exponent, random mantissa: |w| in [1/128, 1/64)) because a billion float-to-half conversions would dominate
/// the time it takes to write a 1B-shaped file.
/// </summary>
internal sealed class WeightRandom(ulong seed)
{
    /// <summary>The generator state; never zero.</summary>
    private ulong _state = seed == 0 ? 0x9E3779B97F4A7C15UL : seed;

    private ulong Next()
    {
        _state ^= _state >> 12;
        _state ^= _state << 25;
        _state ^= _state >> 27;
        return _state * 0x2545F4914F6CDD1DUL;
    }

    /// <summary>Uniform in [-0.1, 0.1): large enough that a tiny model's logits differ from token to token.</summary>
    public float NextWeight() => ((Next() >> 40) / (float)(1 << 24) - 0.5f) * 0.2f;

    public void WriteHalfWeights(Stream s, long count)
    {
        byte[] block = new byte[1 << 16];
        long left = count;
        while (left > 0)
        {
            int n = (int)Math.Min(left, block.Length / 2);
            for (int i = 0; i < n; i += 4)
            {
                ulong r = Next();
                for (int k = 0; k < 4 && i + k < n; k++)
                {
                    ushort bits = (ushort)((r >> (16 * k)) & 0x83FF | 0x2000);
                    BinaryPrimitives.WriteUInt16LittleEndian(block.AsSpan((i + k) * 2), bits);
                }
            }
            s.Write(block, 0, n * 2);
            left -= n;
        }
    }
}
