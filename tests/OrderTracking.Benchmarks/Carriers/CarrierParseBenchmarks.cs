using System.Net;
using System.Text;
using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Engines;
using OrderTracking.Carriers.Dhl;
using OrderTracking.Carriers.FedEx;
using OrderTracking.Carriers.Http;
using OrderTracking.Carriers.Ups;
using OrderTracking.Carriers.Usps;
using OrderTracking.Core.Carriers;

namespace OrderTracking.Benchmarks.Carriers;

/// <summary>Parse + map of one in-transit response per carrier (carriers.md §3 shapes), body bytes to normalized result.</summary>
[MemoryDiagnoser]
[SimpleJob(RunStrategy.Throughput, launchCount: 1, warmupCount: 3, iterationCount: 8)]
public class CarrierParseBenchmarks
{
    private static readonly string[] s_fedExNumbers = ["568838414941"];
    private readonly List<string> _unknown = [];
    private CarrierHttpReply _ups = null!;
    private CarrierHttpReply _fedEx = null!;
    private CarrierHttpReply _usps = null!;
    private CarrierHttpReply _dhl = null!;

    [GlobalSetup]
    public void Setup()
    {
        _ups = Reply(CarrierSamples.Ups);
        _fedEx = Reply(CarrierSamples.FedEx);
        _usps = Reply(CarrierSamples.Usps);
        _dhl = Reply(CarrierSamples.Dhl);
    }

    [Benchmark]
    public CarrierTrackingResult Ups() => UpsMapper.Map(_ups, _unknown);

    [Benchmark]
    public CarrierTrackingResult FedEx() => FedExMapper.Map(_fedEx, s_fedExNumbers, _unknown)["568838414941"];

    [Benchmark]
    public CarrierTrackingResult Usps() => UspsMapper.Map(_usps, _unknown);

    [Benchmark]
    public CarrierTrackingResult Dhl() => DhlMapper.Map(_dhl, _unknown);

    private static CarrierHttpReply Reply(string json) => new(HttpStatusCode.OK, Encoding.UTF8.GetBytes(json));
}
