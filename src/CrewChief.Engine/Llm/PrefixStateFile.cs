using System.Security.Cryptography;
using System.Text;
using CrewChief.Native.Llama;

namespace CrewChief.Llm;

/// <summary>
/// The decoded system prompt (one KV-cache sequence) saved in <see cref="LlmOptions.PrefixCacheFolder"/>, so the
/// next start loads it in milliseconds instead of decoding it (seconds on a CPU). One file per model file as it
/// is on disk, LoRA, template, prefix text and llama.cpp version: anything else changing gives a new name, and
/// the tokens stored in the file are compared with ours before the state is trusted.
/// </summary>
internal sealed class PrefixStateFile
{
    private PrefixStateFile(string path) => Path = path;

    public string Path { get; }

    public static PrefixStateFile? For(LlmOptions options, string template, string prefixText)
    {
        if (options.PrefixCacheFolder is null) return null;
        var model = new FileInfo(options.ModelPath);
        string key = string.Join('\n', model.FullName, model.Length, model.LastWriteTimeUtc.Ticks, options.LoraPath ?? "",
            options.LoraScale, template, prefixText, LlamaLibrary.NativeVersion ?? "");
        byte[] hash = SHA256.HashData(Encoding.UTF8.GetBytes(key));
        return new PrefixStateFile(System.IO.Path.Combine(options.PrefixCacheFolder, $"prefix-{Convert.ToHexStringLower(hash.AsSpan(0, 8))}.state"));
    }

    /// <summary>Restores the prefix into <paramref name="seq"/>; false (and the sequence empty) unless it matches exactly.</summary>
    public bool TryLoad(LlamaContext context, int seq, int[] prefixTokens)
    {
        if (!File.Exists(Path)) return false;
        context.ClearMemory();
        int[] stored = new int[prefixTokens.Length];
        int n = context.TryLoadSequence(Path, seq, stored);
        if (n == prefixTokens.Length && stored.AsSpan().SequenceEqual(prefixTokens) && context.LastPosition(seq) == n - 1) return true;
        context.ClearMemory();
        return false;
    }

    // Best effort: a cache that cannot be written only costs the next start its head start.
    public void TrySave(LlamaContext context, int seq, int[] prefixTokens)
    {
        try
        {
            Directory.CreateDirectory(System.IO.Path.GetDirectoryName(Path)!);
            string temp = Path + ".tmp";
            if (context.TrySaveSequence(temp, seq, prefixTokens)) File.Move(temp, Path, overwrite: true);
            else File.Delete(temp);
        }
        catch (IOException)
        {
        }
        catch (UnauthorizedAccessException)
        {
        }
    }
}
