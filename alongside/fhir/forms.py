from __future__ import annotations

from django import forms

from .bring_in import MOST_BYTES


class BundleUploadForm(forms.Form):
    bundle_file = forms.FileField(
        label="The FHIR file",
        help_text="The file that ends in .json, downloaded from Alongside as FHIR.",
        widget=forms.ClearableFileInput(attrs={"class": "govuk-file-upload", "accept": ".json"}),
        error_messages={
            "required": "Choose the FHIR file to bring in",
            "empty": "The file you chose is empty. Choose the FHIR file downloaded from Alongside",
        },
    )

    def clean_bundle_file(self) -> bytes:
        upload = self.cleaned_data["bundle_file"]
        if upload.size > MOST_BYTES:
            raise forms.ValidationError("This file is too big to be a record exported by Alongside")
        return bytes(upload.read())


class AgreeForm(forms.Form):
    """The check page's answer. The Bundle comes back as it was shown and is checked again."""

    bundle = forms.CharField(
        widget=forms.HiddenInput,
        max_length=MOST_BYTES,
        error_messages={"max_length": f"The file must be {MOST_BYTES:,} characters or fewer"},
    )
    with_the_person = forms.BooleanField(
        label="The person is here with me, has read this and wants it brought in",
        required=False,
    )
