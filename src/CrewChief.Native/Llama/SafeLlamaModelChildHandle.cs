using System.Runtime.InteropServices;

namespace CrewChief.Native.Llama;

/// <summary>
/// A native object made from a model (a context, a LoRA adapter). It holds a reference on the model's handle so
/// the model is never freed first: llama.cpp frees what is still attached when a model goes, which would make the
/// child's own free a double free.
/// </summary>
internal abstract class SafeLlamaModelChildHandle : SafeHandle
{
    /// <summary>The model this object was made from (ref-counted by DangerousAddRef).</summary>
    private readonly SafeLlamaModelHandle _model;

    protected SafeLlamaModelChildHandle(nint handle, SafeLlamaModelHandle model) : base(0, ownsHandle: true)
    {
        bool added = false;
        model.DangerousAddRef(ref added);
        _model = model;
        SetHandle(handle);
    }

    public override bool IsInvalid => handle == 0;

    /// <summary>Frees the native object; called once, before the model reference is dropped.</summary>
    protected abstract void Free(nint handle);

    protected sealed override bool ReleaseHandle()
    {
        Free(handle);
        _model.DangerousRelease();
        return true;
    }
}
