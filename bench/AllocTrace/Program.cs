// Where a node allocates: reads a trace of the runtime's allocation ticks (dotnet-trace with the GC keyword at verbose
// level, one event per ~100 KB allocated, with its stack) and prints, per kind of allocation (small objects, the large
// object heap, pinned), the total sampled and the stacks that allocated most.
//
//   dotnet bench/AllocTrace/bin/Release/net10.0/AllocTrace.dll TRACE.nettrace [--top 12] [--frames 12]
//
// bench/alloc-trace.sh makes the trace under bench/cluster.sh's load and calls this. See bench/README.md.
using Microsoft.Diagnostics.Tracing.Etlx;
using Microsoft.Diagnostics.Tracing.Parsers.Clr;

if (args.Length == 0 || !File.Exists(args[0]))
{
    Console.Error.WriteLine("usage: AllocTrace TRACE.nettrace [--top 12] [--frames 12]");
    return 2;
}
var options = new Dictionary<string, string>();
for (var i = 1; i + 1 < args.Length; i += 2) options[args[i].TrimStart('-')] = args[i + 1];
var top = int.Parse(options.GetValueOrDefault("top", "12"));
var frames = int.Parse(options.GetValueOrDefault("frames", "12"));

using var log = new TraceLog(TraceLog.CreateFromEventPipeDataFile(args[0]));
var byKind = new Dictionary<string, Dictionary<string, (long Bytes, int Ticks)>>();
foreach (var ev in log.Events)
{
    if (ev is not GCAllocationTickTraceData tick) continue;
    var stack = new List<string>();
    for (var frame = ev.CallStack(); frame is not null && stack.Count < frames; frame = frame.Caller)
    {
        var method = frame.CodeAddress.FullMethodName;
        if (!string.IsNullOrEmpty(method)) stack.Add(method.Length > 150 ? method[..150] : method);
    }
    var key = (tick.TypeName ?? "?") + "\n        " + string.Join("\n        ", stack);
    var kind = tick.AllocationKind.ToString();
    if (!byKind.TryGetValue(kind, out var stacks)) byKind[kind] = stacks = [];
    stacks.TryGetValue(key, out var sum);
    stacks[key] = (sum.Bytes + tick.AllocationAmount64, sum.Ticks + 1);
}
var seconds = (log.SessionEndTime - log.SessionStartTime).TotalSeconds;
foreach (var (kind, stacks) in byKind.OrderByDescending(k => k.Value.Values.Sum(v => v.Bytes)))
{
    var total = stacks.Values.Sum(v => v.Bytes) / 1048576.0;
    Console.WriteLine($"=== {kind}: {total:F1} MB sampled in {seconds:F0} s ({total / Math.Max(1, seconds):F1} MB/s)");
    foreach (var (stack, sum) in stacks.OrderByDescending(s => s.Value.Bytes).Take(top))
        Console.WriteLine($"{sum.Bytes / 1048576.0,8:F1} MB {100.0 * sum.Bytes / 1048576.0 / total,5:F1} %  {stack}\n");
}
return 0;
