using Bus.Contracts;
using Bus.StreamBridge.Records;
using Bus.StreamBridge.Translation;

namespace Bus.StreamBridge.Tests.Records;

public class StreamViewTypesTests
{
    [Theory]
    [InlineData(StreamViewType.KeysOnly, "KEYS_ONLY", ImageNeeds.KeysOnly)]
    [InlineData(StreamViewType.NewImage, "NEW_IMAGE", ImageNeeds.NewImage)]
    [InlineData(StreamViewType.OldImage, "OLD_IMAGE", ImageNeeds.OldImage)]
    [InlineData(StreamViewType.NewAndOldImages, "NEW_AND_OLD_IMAGES", ImageNeeds.NewAndOldImages)]
    public void Each_view_type_has_a_wire_name_and_the_images_it_carries(StreamViewType viewType, string wireName, ImageNeeds carries)
    {
        Assert.True(StreamViewTypes.TryParse(wireName, out var parsed));
        Assert.Equal(viewType, parsed);
        Assert.Equal(wireName, StreamViewTypes.WireName(viewType));
        Assert.Equal(carries, StreamViewTypes.Carries(viewType));
    }

    [Theory]
    [InlineData("new_image")]
    [InlineData("")]
    [InlineData(null)]
    public void Wire_names_are_exact(string? text)
    {
        Assert.False(StreamViewTypes.TryParse(text, out _));
    }

    [Theory]
    [InlineData(ImageNeeds.NewAndOldImages, "NEW_AND_OLD_IMAGES")]
    [InlineData(ImageNeeds.NewImage, "NEW_IMAGE or NEW_AND_OLD_IMAGES")]
    [InlineData(ImageNeeds.OldImage, "OLD_IMAGE or NEW_AND_OLD_IMAGES")]
    [InlineData(ImageNeeds.KeysOnly, "KEYS_ONLY")]
    public void Error_messages_name_every_view_type_that_would_do(ImageNeeds needs, string naming)
    {
        Assert.Equal(naming, StreamViewTypes.Naming(needs));
    }

    [Theory]
    [InlineData(ChangeKind.Insert, ImageNeeds.NewImage)]
    [InlineData(ChangeKind.Modify, ImageNeeds.NewAndOldImages)]
    [InlineData(ChangeKind.Remove, ImageNeeds.KeysOnly)]
    public void The_domain_translators_need_new_images_for_inserts_both_for_modifies_and_keys_for_removes(ChangeKind kind, ImageNeeds needs)
    {
        Assert.Equal(needs, new CustomersTranslator().Requirements.For(kind));
        Assert.Equal(needs, new OrdersTranslator().Requirements.For(kind));
        Assert.Equal(needs, new InventoryTranslator().Requirements.For(kind));
    }
}
