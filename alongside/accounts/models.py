"""Who can sign in. Everyone signs in with an email address."""

from __future__ import annotations

import hashlib
from typing import TYPE_CHECKING, Any

from django.conf import settings
from django.contrib.auth.models import AbstractBaseUser, BaseUserManager, PermissionsMixin
from django.db import models
from django.utils import timezone
from django.utils.crypto import salted_hmac


class UserManager(BaseUserManager["User"]):
    use_in_migrations = True

    def create_user(self, email: str, password: str | None = None, **extra: Any) -> User:
        if not email:
            raise ValueError("An email address is needed to sign in.")
        user = self.model(email=self.normalize_email(email).lower(), **extra)
        if password:
            user.set_password(password)
        else:
            user.set_unusable_password()
        user.full_clean(exclude=["password"])
        user.save(using=self._db)
        return user

    def create_superuser(self, email: str, password: str | None = None, **extra: Any) -> User:
        extra.setdefault("is_staff", True)
        extra.setdefault("is_superuser", True)
        return self.create_user(email, password, **extra)


class User(AbstractBaseUser, PermissionsMixin):
    email = models.EmailField("email address", unique=True)
    display_name = models.CharField("name", max_length=150)
    is_active = models.BooleanField(default=True)
    # Django admin access. Only organisation admins have it, always behind two-factor.
    is_staff = models.BooleanField(default=False)
    date_joined = models.DateTimeField(default=timezone.now)
    easy_read = models.BooleanField(
        "easy read",
        default=False,
        help_text="Larger text, short sentences and a picture beside each idea.",
    )
    # Raising this ends every session the user has: "Sign out everywhere".
    session_generation = models.PositiveIntegerField(default=0)
    # A leaver: when their account was ended, by whom and why (shown to admins only).
    ended_at = models.DateTimeField(null=True, blank=True)
    ended_by = models.ForeignKey(
        "self", on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    ended_reason = models.CharField("why the account was ended", max_length=300, blank=True)

    objects = UserManager()

    USERNAME_FIELD = "email"
    EMAIL_FIELD = "email"
    REQUIRED_FIELDS = ["display_name"]

    class Meta:
        ordering = ["display_name"]

    if TYPE_CHECKING:
        # django-otp's OTPMiddleware gives the request's user this on every request: has
        # the user passed two-factor in this session? It is not defined on the model.
        def is_verified(self) -> bool: ...

    def __str__(self) -> str:
        return self.display_name or f"User {self.pk}"

    def get_session_auth_hash(self) -> str:
        # Sessions carry this hash; Django signs out any session whose hash no longer
        # matches, so changing the password or the generation ends them all.
        key_salt = "alongside.accounts.User.get_session_auth_hash"
        return salted_hmac(
            key_salt,
            f"{self.password}:{self.session_generation}",
            secret=settings.SECRET_KEY,
            algorithm="sha256",
        ).hexdigest()

    @property
    def needs_two_factor(self) -> bool:
        """Staff, council workers, admins and superusers must use a second factor."""
        return bool(
            self.is_staff
            or self.is_superuser  # even with the admin flag off, it may do anything
            or hasattr(self, "staff_member")
            or hasattr(self, "council_worker")
        )


class SignInLink(models.Model):
    """A single-use, expiring sign-in link a service manager gives a person we support.

    Only a hash of the token is stored, so the database alone cannot be used to sign in.
    """

    user = models.ForeignKey(User, on_delete=models.CASCADE, related_name="sign_in_links")
    token_hash = models.CharField(max_length=64, unique=True)
    issued_by = models.ForeignKey(
        User, on_delete=models.SET_NULL, null=True, related_name="issued_sign_in_links"
    )
    created_at = models.DateTimeField(default=timezone.now)
    expires_at = models.DateTimeField()
    used_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at"]

    def __str__(self) -> str:
        return f"Sign-in link for {self.user}"

    @staticmethod
    def hash_token(token: str) -> str:
        return hashlib.sha256(token.encode()).hexdigest()

    @property
    def is_usable(self) -> bool:
        return self.used_at is None and self.expires_at > timezone.now()


class Invitation(models.Model):
    """A single-use link, sent by email, to set a password and start using Alongside.

    The token is worked out from `token_salt` and the site's secret key, and only its hash
    is stored, so the database alone (or the task queue, which is given only the id) cannot
    be used to accept it."""

    user = models.ForeignKey(User, on_delete=models.CASCADE, related_name="invitations")
    token_salt = models.CharField(max_length=64)
    token_hash = models.CharField(max_length=64, unique=True)
    invited_by = models.ForeignKey(
        User, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    easy_read = models.BooleanField(default=False)
    created_at = models.DateTimeField(default=timezone.now)
    expires_at = models.DateTimeField()
    accepted_at = models.DateTimeField(null=True, blank=True)
    # Sent again (or the account ended): this link no longer works.
    ended_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at"]

    def __str__(self) -> str:
        return f"Invitation for {self.user}"

    @property
    def token(self) -> str:
        # From the salt alone, so the hash can be written with the row (no second write of
        # every invitation once ids are known). Links made before this had the id in front;
        # those rows' stored hash still matches their own token, so they keep working.
        token = self.token_for(self.token_salt)
        if self.token_hash and self.hash_token(token) != self.token_hash:
            return salted_hmac(
                "alongside.accounts.Invitation.token",
                f"{self.pk}:{self.token_salt}",
                secret=settings.SECRET_KEY,
                algorithm="sha256",
            ).hexdigest()
        return token

    @staticmethod
    def token_for(salt: str) -> str:
        """The link's secret for a row with this salt (only its hash is stored)."""
        return salted_hmac(
            "alongside.accounts.Invitation.token",
            salt,
            secret=settings.SECRET_KEY,
            algorithm="sha256",
        ).hexdigest()

    @staticmethod
    def hash_token(token: str) -> str:
        return hashlib.sha256(token.encode()).hexdigest()

    @property
    def is_usable(self) -> bool:
        return (
            self.accepted_at is None and self.ended_at is None and self.expires_at > timezone.now()
        )

    @property
    def state(self) -> str:
        """In plain words, for the admin's list."""
        if self.accepted_at is not None:
            return "Accepted"
        if self.ended_at is not None:
            return "Link ended"
        if self.expires_at <= timezone.now():
            return "Link expired"
        return "Waiting"
