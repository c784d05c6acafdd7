namespace CrewChief.Native;

/// <summary>
/// Load once, remember the first error: the one rule the four native libraries (llama.cpp, ONNX Runtime,
/// espeak-ng, OpenAL Soft) share. The load runs at most once; after a failure every later caller gets the same one
/// line without a retry (a retry would only repeat the loader's answer, slowly, on a callout's path).
/// </summary>
internal sealed class NativeLoadOnce
{
    private readonly Lock _gate = new();
    private volatile bool _loaded;
    private string? _error;

    /// <summary>True once a load succeeded.</summary>
    public bool IsLoaded => _loaded;

    /// <param name="load">Loads and binds the library; returns null on success, else the one-line reason.</param>
    /// <param name="state">Passed to <paramref name="load"/> (so it can be a static lambda: no closure).</param>
    /// <param name="error">"" on success, else the first failure's line.</param>
    public bool TryLoad<TState>(Func<TState, string?> load, TState state, out string error)
    {
        if (_loaded)
        {
            error = "";
            return true;
        }
        lock (_gate)
        {
            if (!_loaded && _error is null)
            {
                _error = load(state);
                _loaded = _error is null;
            }
            error = _error ?? "";
            return _loaded;
        }
    }
}
