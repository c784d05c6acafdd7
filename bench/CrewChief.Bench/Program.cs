using BenchmarkDotNet.Running;

namespace CrewChief.Bench;

public static class Program
{
    public static int Main(string[] args)
    {
        // Plain measurements that are not one-method-call benchmarks; everything else goes to BenchmarkDotNet.
        if (args.Length > 0 && args[0] == "llm-figures") return Llm.LlmFigures.Run(args[1..]);
        if (args.Length > 0 && args[0] == "tyres-fit") return Tyres.TyreFit.Run(args[1..]);
        BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(args);
        return 0;
    }
}
