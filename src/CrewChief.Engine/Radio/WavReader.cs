namespace CrewChief.Radio;

/// <summary>
/// Reads a PCM WAV into mono 16-bit samples: `ask --wav`, `--mic-wav` and the bench's question set. 16-bit or
/// 32-bit float, any rate, channels averaged. Anything else is one clear line naming the file.
/// </summary>
public static class WavReader
{
    public static short[] Read(string path, out int sampleRate)
    {
        byte[] bytes;
        try
        {
            bytes = File.ReadAllBytes(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new InputException($"{path}: cannot read ({e.Message}).");
        }
        return Parse(bytes, path, out sampleRate);
    }

    public static short[] Parse(ReadOnlySpan<byte> b, string name, out int sampleRate)
    {
        if (b.Length < 12 || !b[..4].SequenceEqual("RIFF"u8) || !b.Slice(8, 4).SequenceEqual("WAVE"u8))
            throw new InputException($"{name}: not a WAV file (no RIFF/WAVE header).");
        int pos = 12, channels = 0, bits = 0, format = 0;
        sampleRate = 0;
        while (pos + 8 <= b.Length)
        {
            ReadOnlySpan<byte> id = b.Slice(pos, 4);
            int size = BitConverter.ToInt32(b.Slice(pos + 4, 4));
            int body = pos + 8;
            if (size < 0) break;
            if (id.SequenceEqual("fmt "u8) && body + 16 <= b.Length)
            {
                format = BitConverter.ToUInt16(b.Slice(body, 2));
                channels = BitConverter.ToUInt16(b.Slice(body + 2, 2));
                sampleRate = BitConverter.ToInt32(b.Slice(body + 4, 4));
                bits = BitConverter.ToUInt16(b.Slice(body + 14, 2));
                if (format == 0xFFFE && size >= 26 && body + 26 <= b.Length) format = BitConverter.ToUInt16(b.Slice(body + 24, 2));
            }
            else if (id.SequenceEqual("data"u8))
            {
                if (channels <= 0 || sampleRate <= 0) throw new InputException($"{name}: data before a valid fmt chunk.");
                // sox and some recorders write 0 or 0xFFFFFFFF as the size of a streamed data chunk.
                int length = size == 0 || body + size > b.Length ? b.Length - body : size;
                return Decode(b.Slice(body, length), format, bits, channels, name);
            }
            pos = body + size + (size & 1);
        }
        throw new InputException($"{name}: no audio data in the WAV file.");
    }

    private static short[] Decode(ReadOnlySpan<byte> data, int format, int bits, int channels, string name)
    {
        if (format == 1 && bits == 16)
        {
            int frames = data.Length / (2 * channels);
            var pcm = new short[frames];
            for (int i = 0; i < frames; i++)
            {
                int sum = 0;
                for (int c = 0; c < channels; c++) sum += BitConverter.ToInt16(data.Slice((i * channels + c) * 2, 2));
                pcm[i] = (short)(sum / channels);
            }
            return pcm;
        }
        if (format == 3 && bits == 32)
        {
            int frames = data.Length / (4 * channels);
            var pcm = new short[frames];
            for (int i = 0; i < frames; i++)
            {
                float sum = 0;
                for (int c = 0; c < channels; c++) sum += BitConverter.ToSingle(data.Slice((i * channels + c) * 4, 4));
                pcm[i] = (short)Math.Clamp(sum / channels * 32767f, short.MinValue, short.MaxValue);
            }
            return pcm;
        }
        throw new InputException($"{name}: {bits}-bit WAV format {format} is not supported; use 16-bit PCM (sox in.wav -b 16 out.wav).");
    }
}
