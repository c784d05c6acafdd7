using CrewChief.Pipeline;

namespace CrewChief.Tests.Pipeline;

public class DropQueueTests
{
    [Theory]
    [InlineData(false, new[] { 0, 1, 2, 3 })] // TryEnqueue: the newest are refused, the backlog keeps its order
    [InlineData(true, new[] { 6, 7, 8, 9 })]  // EnqueueDropOldest: the oldest make room
    public void Enqueue_WhenFull_DropsAndCountsTheRightEnd(bool dropOldest, int[] kept)
    {
        var q = new DropQueue<int>(4);
        for (int i = 0; i < 10; i++)
        {
            if (dropOldest) q.EnqueueDropOldest(i);
            else q.TryEnqueue(i);
        }
        Assert.Equal(6, q.Dropped);
        Assert.Equal(kept, Drain(q));
    }

    [Fact]
    public void FullWithNoConsumer_TheProducerAllocatesNothing()
    {
        var q = new DropQueue<(long, string?)>(16);
        long before = GC.GetAllocatedBytesForCurrentThread();
        for (int i = 0; i < 100_000; i++)
        {
            q.EnqueueDropOldest((i, null));
            q.TryEnqueue((i, null));
        }
        Assert.Equal(0, GC.GetAllocatedBytesForCurrentThread() - before);
        Assert.Equal(16, q.Count);
    }

    [Fact]
    public void ProducersAndAConsumerOnThreads_EveryItemIsTakenOrCountedOnce()
    {
        var q = new DropQueue<int>(8);
        const int perProducer = 50_000;
        long taken = 0, sum = 0;
        bool done = false;
        var consumer = new Thread(() =>
        {
            while (true)
            {
                bool finished = Volatile.Read(ref done);
                while (q.TryDequeue(out int v)) { taken++; sum += v; }
                if (finished) return;
            }
        });
        consumer.Start();
        var producers = new Thread[2];
        for (int p = 0; p < producers.Length; p++)
        {
            producers[p] = new Thread(() => { for (int i = 1; i <= perProducer; i++) q.EnqueueDropOldest(i); });
            producers[p].Start();
        }
        foreach (var t in producers) t.Join();
        Volatile.Write(ref done, true);
        consumer.Join();
        Assert.Equal(2L * perProducer, taken + q.Dropped);
        Assert.True(sum <= 2L * perProducer * (perProducer + 1) / 2);
    }

    private static List<int> Drain(DropQueue<int> q)
    {
        var items = new List<int>();
        while (q.TryDequeue(out int v)) items.Add(v);
        return items;
    }
}
