using System.Text;
using O365Functions.Core.Jobs;
using O365Functions.FunctionTriggers;

if (args.Length != 1)
{
    Console.Error.WriteLine("usage: FunctionTriggers <output .cs file>");
    return 2;
}

var source = TriggerSource.For(GatewayJobs.Workflows, GatewayJobs.Activities);
var output = new FileInfo(args[0]);
// Written only when it changed, so an unchanged registration leaves the Functions app's build incremental.
if (!output.Exists || File.ReadAllText(output.FullName) != source)
{
    output.Directory!.Create();
    File.WriteAllText(output.FullName, source, new UTF8Encoding(encoderShouldEmitUTF8Identifier: false));
}

return 0;
