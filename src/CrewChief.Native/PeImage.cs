using System.Buffers.Binary;

namespace CrewChief.Native;

/// <summary>
/// The Windows counterpart of <see cref="ElfImage"/>: a DLL cut short by an interrupted copy is refused with a
/// reason before LoadLibrary, instead of failing later when a missing page is touched.
/// </summary>
internal static class PeImage
{
    /// <summary>False with a one-line reason when the file is not a whole PE image (headers and section data).</summary>
    public static bool TryValidate(string path, out string? problem)
    {
        try
        {
            using var file = File.OpenRead(path);
            long length = file.Length;
            Span<byte> dos = stackalloc byte[64];
            if (file.ReadAtLeast(dos, dos.Length, throwOnEndOfStream: false) < dos.Length) return Fail(out problem, "shorter than a DOS header");
            if (dos[0] != (byte)'M' || dos[1] != (byte)'Z') return Fail(out problem, "not a PE (DLL) file");
            long peOffset = BinaryPrimitives.ReadUInt32LittleEndian(dos[0x3C..]);
            if (peOffset + 24 > length) return Fail(out problem, $"truncated ({length} bytes)");
            Span<byte> coff = stackalloc byte[24];
            file.Position = peOffset;
            file.ReadExactly(coff);
            if (coff[0] != (byte)'P' || coff[1] != (byte)'E' || coff[2] != 0 || coff[3] != 0) return Fail(out problem, "not a PE (DLL) file");
            int sections = BinaryPrimitives.ReadUInt16LittleEndian(coff[6..]);
            int optionalSize = BinaryPrimitives.ReadUInt16LittleEndian(coff[20..]);
            long table = peOffset + 24 + optionalSize;
            if (table + 40L * sections > length) return Fail(out problem, $"truncated ({length} bytes)");
            byte[] headers = new byte[40 * sections];
            file.Position = table;
            file.ReadExactly(headers);
            for (int i = 0; i < sections; i++)
            {
                ReadOnlySpan<byte> sh = headers.AsSpan(40 * i, 40);
                long rawSize = BinaryPrimitives.ReadUInt32LittleEndian(sh[16..]);
                long rawPointer = BinaryPrimitives.ReadUInt32LittleEndian(sh[20..]);
                if (rawSize > 0 && rawPointer + rawSize > length)
                    return Fail(out problem, $"truncated ({length} bytes, a section ends at {rawPointer + rawSize})");
            }
            problem = null;
            return true;
        }
        catch (EndOfStreamException) { return Fail(out problem, "truncated"); }
        catch (IOException e) { return Fail(out problem, e.Message); }
        catch (UnauthorizedAccessException e) { return Fail(out problem, e.Message); }
    }

    private static bool Fail(out string? problem, string reason)
    {
        problem = reason;
        return false;
    }
}
