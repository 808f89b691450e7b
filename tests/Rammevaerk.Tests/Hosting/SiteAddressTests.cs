using Rammevaerk.Hosting;

namespace Rammevaerk.Tests.Hosting;

/// <summary>With no request to name the site, e-mails use the address the server listens on, a wildcard named localhost.</summary>
public class SiteAddressTests
{
    [Theory]
    [InlineData("http://127.0.0.1:5192", "http://127.0.0.1:5192")]
    [InlineData("http://localhost:5080/", "http://localhost:5080")]
    [InlineData("http://+:8080", "http://localhost:8080")]
    [InlineData("http://*:80", "http://localhost:80")]
    [InlineData("https://0.0.0.0:443", "https://localhost:443")]
    [InlineData("http://[::]:5000", "http://localhost:5000")]
    [InlineData("http://[::1]:5000", "http://[::1]:5000")]
    public void The_listening_address_names_a_host_a_mail_client_can_open(string address, string root) =>
        Assert.Equal(root, SiteAddress.ListeningRoot(address));
}
