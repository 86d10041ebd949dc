using System.Net;
using NewsTracker.Web.Ingestion.Fetching;

namespace NewsTracker.Tests.Ingestion.Fetching;

public sealed class NetworkAddressPolicyTests
{
    [Theory]
    // IPv4 special-purpose ranges, at their edges.
    [InlineData("0.0.0.0", AddressScope.Unspecified)]
    [InlineData("0.255.255.255", AddressScope.Unspecified)]
    [InlineData("10.0.0.0", AddressScope.Private)]
    [InlineData("10.0.0.5", AddressScope.Private)]
    [InlineData("10.255.255.255", AddressScope.Private)]
    [InlineData("100.64.0.0", AddressScope.SharedCarrierNat)]
    [InlineData("100.127.255.255", AddressScope.SharedCarrierNat)]
    [InlineData("127.0.0.1", AddressScope.Loopback)]
    [InlineData("127.255.255.254", AddressScope.Loopback)]
    [InlineData("169.254.0.1", AddressScope.LinkLocal)]
    [InlineData("169.254.169.254", AddressScope.LinkLocal)]
    [InlineData("172.16.0.0", AddressScope.Private)]
    [InlineData("172.31.255.255", AddressScope.Private)]
    [InlineData("192.0.0.8", AddressScope.Reserved)]
    [InlineData("192.0.2.1", AddressScope.Documentation)]
    [InlineData("192.88.99.1", AddressScope.Tunnel)]
    [InlineData("192.168.0.1", AddressScope.Private)]
    [InlineData("192.168.255.255", AddressScope.Private)]
    [InlineData("198.18.0.1", AddressScope.Reserved)]
    [InlineData("198.19.255.255", AddressScope.Reserved)]
    [InlineData("198.51.100.7", AddressScope.Documentation)]
    [InlineData("203.0.113.9", AddressScope.Documentation)]
    [InlineData("224.0.0.1", AddressScope.Multicast)]
    [InlineData("239.255.255.250", AddressScope.Multicast)]
    [InlineData("240.0.0.1", AddressScope.Reserved)]
    [InlineData("254.255.255.255", AddressScope.Reserved)]
    [InlineData("255.255.255.255", AddressScope.Broadcast)]
    // IPv6 special-purpose ranges.
    [InlineData("::", AddressScope.Unspecified)]
    [InlineData("::1", AddressScope.Loopback)]
    [InlineData("fe80::1", AddressScope.LinkLocal)]
    [InlineData("febf:ffff::1", AddressScope.LinkLocal)]
    [InlineData("fec0::1", AddressScope.Private)]
    [InlineData("fc00::1", AddressScope.Private)]
    [InlineData("fd12:3456:789a::1", AddressScope.Private)]
    [InlineData("ff02::1", AddressScope.Multicast)]
    [InlineData("ff0e::101", AddressScope.Multicast)]
    [InlineData("100::1", AddressScope.Reserved)]
    [InlineData("2001:db8::1", AddressScope.Documentation)]
    [InlineData("3fff::1", AddressScope.Documentation)]
    [InlineData("2001::1", AddressScope.Tunnel)]
    [InlineData("2001:0:4136:e378:8000:63bf:3fff:fdd2", AddressScope.Tunnel)]
    [InlineData("2001:2::1", AddressScope.Reserved)]
    [InlineData("2001:10::1", AddressScope.Reserved)]
    [InlineData("64:ff9b:1::808:808", AddressScope.Reserved)]
    [InlineData("64:ff9b:0:0:1::1", AddressScope.Reserved)]
    [InlineData("::ffff:0:7f00:1", AddressScope.Reserved)]
    // IPv6 forms judged by the IPv4 address they carry.
    [InlineData("::ffff:127.0.0.1", AddressScope.Loopback)]
    [InlineData("::ffff:10.0.0.5", AddressScope.Private)]
    [InlineData("::ffff:169.254.169.254", AddressScope.LinkLocal)]
    [InlineData("::ffff:0.0.0.0", AddressScope.Unspecified)]
    [InlineData("::127.0.0.1", AddressScope.Loopback)]
    [InlineData("::10.0.0.5", AddressScope.Private)]
    [InlineData("64:ff9b::7f00:1", AddressScope.Loopback)]
    [InlineData("64:ff9b::a00:5", AddressScope.Private)]
    [InlineData("64:ff9b::a9fe:a9fe", AddressScope.LinkLocal)]
    [InlineData("64:ff9b::192.168.1.1", AddressScope.Private)]
    [InlineData("2002:7f00:1::1", AddressScope.Loopback)]
    [InlineData("2002:c0a8:101::1", AddressScope.Private)]
    [InlineData("2002:a9fe:a9fe::1", AddressScope.LinkLocal)]
    public void Refuses_every_address_that_is_not_on_the_public_internet(string address, AddressScope expected)
    {
        var ip = IPAddress.Parse(address);

        Assert.False(NetworkAddressPolicy.IsPublic(ip));
        Assert.Equal(expected, NetworkAddressPolicy.Classify(ip));
    }

    [Theory]
    [InlineData("1.1.1.1")]
    [InlineData("8.8.8.8")]
    [InlineData("93.184.216.34")]
    [InlineData("1.0.0.0")]
    [InlineData("9.255.255.255")]
    [InlineData("11.0.0.0")]
    [InlineData("100.63.255.255")]
    [InlineData("100.128.0.0")]
    [InlineData("126.255.255.255")]
    [InlineData("128.0.0.0")]
    [InlineData("169.253.255.255")]
    [InlineData("169.255.0.0")]
    [InlineData("172.15.255.255")]
    [InlineData("172.32.0.0")]
    [InlineData("192.0.1.1")]
    [InlineData("192.0.3.1")]
    [InlineData("192.167.255.255")]
    [InlineData("192.169.0.0")]
    [InlineData("198.17.255.255")]
    [InlineData("198.20.0.0")]
    [InlineData("198.51.101.1")]
    [InlineData("203.0.114.1")]
    [InlineData("223.255.255.255")]
    [InlineData("2606:4700:4700::1111")]
    [InlineData("2001:4860:4860::8888")]
    [InlineData("2a00:1450:4001:82b::200e")]
    [InlineData("2001:200::1")]
    [InlineData("::ffff:8.8.8.8")]
    [InlineData("::8.8.8.8")]
    [InlineData("64:ff9b::808:808")]
    [InlineData("2002:808:808::1")]
    public void Accepts_public_addresses_including_ipv6_forms_that_carry_a_public_ipv4(string address) =>
        Assert.True(NetworkAddressPolicy.IsPublic(IPAddress.Parse(address)));

    [Fact]
    public void Describes_a_private_address_in_words_a_journalist_understands() =>
        Assert.Equal("a private network address", NetworkAddressPolicy.Describe(NetworkAddressPolicy.Classify(IPAddress.Parse("10.0.0.5"))));

    [Fact]
    public void Unwraps_an_ipv4_mapped_address_for_allow_list_comparison() =>
        Assert.Equal(IPAddress.Parse("127.0.0.1"), NetworkAddressPolicy.Unwrap(IPAddress.Parse("::ffff:127.0.0.1")));
}
