using System.Text;
using Ecsta.BroadWorks.Tests.Support;
using Ecsta.BroadWorks.Xsi;

namespace Ecsta.BroadWorks.Tests.Xsi;

public sealed class RoundTripTests
{
    public static TheoryData<int> DocumentIndexes() => [.. Enumerable.Range(0, Samples.AllDocuments().Count())];

    [Theory]
    [MemberData(nameof(DocumentIndexes))]
    public void Writing_then_reading_a_document_gives_an_equal_document(int index)
    {
        var document = Samples.AllDocuments().ElementAt(index);

        var read = XsiReader.Read(XsiWriter.ToBytes(document));

        Assert.Equal(document, read);
    }

    [Theory]
    [MemberData(nameof(DocumentIndexes))]
    public void Writing_as_ISO_8859_1_then_reading_gives_an_equal_document(int index)
    {
        var document = Samples.AllDocuments().ElementAt(index);

        var bytes = XsiWriter.ToBytes(document, new XsiWriterOptions { Encoding = Encoding.Latin1 });

        Assert.StartsWith("<?xml version=\"1.0\" encoding=\"ISO-8859-1\"?>", Encoding.Latin1.GetString(bytes), StringComparison.Ordinal);
        Assert.Equal(document, XsiReader.Read(bytes));
    }

    [Theory]
    [MemberData(nameof(DocumentIndexes))]
    public void Reading_the_written_text_gives_an_equal_document(int index)
    {
        var document = Samples.AllDocuments().ElementAt(index);

        Assert.Equal(document, XsiReader.Read(XsiWriter.ToXml(document)));
    }
}
