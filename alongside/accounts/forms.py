from __future__ import annotations

from typing import Any

from django import forms
from django.contrib.auth.forms import AuthenticationForm


class SignInForm(AuthenticationForm):
    username = forms.EmailField(
        label="Email address",
        widget=forms.EmailInput(attrs={"autocomplete": "email", "spellcheck": "false"}),
        error_messages={
            "required": "Enter your email address",
            "invalid": "Enter an email address like name@example.com",
            "max_length": "Your email address must be 254 characters or fewer",
        },
    )
    password = forms.CharField(
        label="Password",
        strip=False,
        widget=forms.PasswordInput(attrs={"autocomplete": "current-password"}),
        error_messages={"required": "Enter your password"},
    )
    error_messages = {
        "invalid_login": "The email address or password is not right. Check them and try again.",
        "inactive": "This account is switched off. Ask your service manager for help.",
    }

    def clean_username(self) -> str:
        return str(self.cleaned_data["username"]).lower()


class TwoFactorCodeForm(forms.Form):
    code = forms.CharField(
        label="Code from your authenticator app",
        help_text="The 6 numbers your app shows now.",
        max_length=6,
        min_length=6,
        widget=forms.TextInput(
            attrs={
                "autocomplete": "one-time-code",
                "inputmode": "numeric",
                "class": "govuk-input--width-5",
            }
        ),
        error_messages={
            "required": "Enter the 6 numbers from your authenticator app",
            "min_length": "Enter all 6 numbers from your authenticator app",
            "max_length": "The code is 6 numbers. Enter only those",
        },
    )

    def clean_code(self) -> str:
        code = str(self.cleaned_data["code"]).strip()
        if not code.isdigit():
            raise forms.ValidationError("The code is numbers only, like 123456")
        return code


class MoveTwoFactorForm(TwoFactorCodeForm):
    """Moving to a new phone: a code from the current app (or a recovery code) first."""

    current_code = forms.CharField(
        label="Code from your current authenticator app, or one of your recovery codes",
        help_text="This shows it is really you. If you lost your phone, use a recovery code.",
        max_length=40,
        widget=forms.TextInput(
            attrs={"autocomplete": "one-time-code", "spellcheck": "false", "autocapitalize": "none"}
        ),
        error_messages={
            "required": "Enter a code from your current app, or one of your recovery codes",
            "max_length": "That is too long for a code. Check it and try again",
        },
    )
    field_order = ["current_code", "code"]

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["code"].label = "Code from the app on your new phone"

    def clean_current_code(self) -> str:
        return "".join(str(self.cleaned_data["current_code"]).split())


class RecoveryCodeForm(forms.Form):
    code = forms.CharField(
        label="Recovery code",
        help_text="One of the codes you saved when you set up two-factor sign-in. Each works once.",
        max_length=40,
        widget=forms.TextInput(
            attrs={"autocomplete": "one-time-code", "spellcheck": "false", "autocapitalize": "none"}
        ),
        error_messages={
            "required": "Enter one of your recovery codes",
            "max_length": "That is too long for a recovery code. Check it and try again",
        },
    )


class EasyReadForm(forms.Form):
    easy_read = forms.TypedChoiceField(
        label="Easy read",
        choices=[("on", "On: bigger text, pictures, short sentences"), ("off", "Off")],
        coerce=lambda v: v == "on",
        widget=forms.RadioSelect,
        error_messages={"required": "Choose on or off"},
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)


class NewPasswordForm(forms.Form):
    """Set a password (an invitation or a reset), with Django's checks in plain words."""

    password = forms.CharField(
        label="Password",
        help_text="At least 8 characters. Not only numbers, and not like your name or email.",
        strip=False,
        widget=forms.PasswordInput(attrs={"autocomplete": "new-password"}),
        error_messages={"required": "Enter a password"},
    )
    password_again = forms.CharField(
        label="Type the password again",
        strip=False,
        widget=forms.PasswordInput(attrs={"autocomplete": "new-password"}),
        error_messages={"required": "Type the password again"},
    )

    def __init__(self, *args: Any, user: Any = None, **kwargs: Any) -> None:
        self.user = user
        super().__init__(*args, **kwargs)

    def clean_password(self) -> str:
        from .invitations import password_problems

        password = str(self.cleaned_data["password"])
        problems = password_problems(password, self.user)
        if problems:
            raise forms.ValidationError(problems)
        return password

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        first, again = cleaned.get("password"), cleaned.get("password_again")
        if first and again is not None and first != again:
            self.add_error("password_again", "The two passwords are not the same. Type them again")
        return cleaned


class ResetPasswordForm(NewPasswordForm):
    """Django's reset view expects a form that is given the user and saves the password."""

    def __init__(self, user: Any, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, user=user, **kwargs)

    def save(self, commit: bool = True) -> Any:
        self.user.set_password(self.cleaned_data["password"])
        if commit:
            self.user.save(update_fields=["password"])
        return self.user


class ForgottenPasswordForm(forms.Form):
    email = forms.EmailField(
        label="Email address",
        max_length=254,
        widget=forms.EmailInput(attrs={"autocomplete": "email", "spellcheck": "false"}),
        error_messages={
            "required": "Enter your email address",
            "invalid": "Enter an email address like name@example.com",
            "max_length": "Your email address must be 254 characters or fewer",
        },
    )


class EndAccountForm(forms.Form):
    reason = forms.CharField(
        label="Why is the account ended?",
        help_text="For example: left the organisation on 30 November. Only admins see this.",
        max_length=300,
        error_messages={
            "required": "Say why the account is ended",
            "max_length": "The reason must be 300 characters or fewer",
        },
    )
