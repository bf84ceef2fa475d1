"""Config, models, blobs, skills, MCP, realms, auth and runtime-host methods of the client."""

from __future__ import annotations

import warnings
from typing import Any, NoReturn, cast

from ._client_base import _ClientCore
from ._parse import parse_blob, parse_mcp_response, parse_models_catalog
from .errors import MeerkatError
from .types import BlobPayload, ConfigEnvelope, McpLiveOpResponse, McpServerConfig, ModelsCatalogResponse

__all__ = ["_AdminMixin"]

_DEFAULT_REDIRECT = "http://127.0.0.1:0/callback"


def _binding(realm_id: str, binding_id: str, profile_id: str | None) -> dict[str, Any]:
    params: dict[str, Any] = {"realm_id": realm_id, "binding_id": binding_id}
    if profile_id is not None:
        params["profile_id"] = profile_id
    return params


class _AdminMixin(_ClientCore):
    """Wrappers of the configuration and administration families."""

    # -- config ----------------------------------------------------------------------------------------
    async def get_config(self) -> ConfigEnvelope:
        """The realm config and its generation."""
        return cast(ConfigEnvelope, await self._call_dict("config/get", {}, "config"))

    async def set_config(self, config: dict[str, Any], *, expected_generation: int | None = None) -> ConfigEnvelope:
        """Replaces the realm config. With ``expected_generation``, a stale generation is rejected (-32602)."""
        params: dict[str, Any] = {"config": config}
        if expected_generation is not None:
            params["expected_generation"] = expected_generation
        return cast(ConfigEnvelope, await self._call_dict("config/set", params, "config"))

    async def patch_config(self, patch: dict[str, Any], *, expected_generation: int | None = None) -> ConfigEnvelope:
        """Applies an RFC 7396 merge patch to the realm config (``None`` deletes a key)."""
        params: dict[str, Any] = {"patch": patch}
        if expected_generation is not None:
            params["expected_generation"] = expected_generation
        return cast(ConfigEnvelope, await self._call_dict("config/patch", params, "config"))

    # -- models, blobs, skills -------------------------------------------------------------------------
    async def get_models_catalog(self) -> ModelsCatalogResponse:
        """The built-in (and self-hosted) model catalog."""
        return parse_models_catalog(await self._call_dict("models/catalog", {}, "models"))

    async def get_blob(self, blob_id: str) -> BlobPayload:
        """A blob's bytes (base64) and media type (-32602 when missing)."""
        return parse_blob(await self._call_dict("blob/get", {"blob_id": blob_id}, "blobs"), blob_id)

    async def list_skills(self) -> list[dict[str, Any]]:
        """Every discovered skill, shadowed ones included."""
        skills = (await self._call_dict("skills/list", {}, "skills")).get("skills")
        return list(skills) if isinstance(skills, list) else []

    # -- MCP -------------------------------------------------------------------------------------------
    async def mcp_add(
        self, session_id: str, server_config: McpServerConfig, *, persisted: bool = False
    ) -> McpLiveOpResponse:
        """Stages an MCP server on a session (applied at its next turn boundary)."""
        params = {"session_id": session_id, "server_config": server_config, "persisted": persisted}
        return parse_mcp_response(await self._call_dict("mcp/add", params, "mcp_live"))

    async def mcp_remove(self, session_id: str, server_name: str, *, persisted: bool = False) -> McpLiveOpResponse:
        """Stages the removal of an MCP server from a session."""
        params = {"session_id": session_id, "server_name": server_name, "persisted": persisted}
        return parse_mcp_response(await self._call_dict("mcp/remove", params, "mcp_live"))

    async def mcp_reload(
        self, session_id: str, *, server_name: str | None = None, persisted: bool = False
    ) -> McpLiveOpResponse:
        """Stages a reload of one (or every) MCP server of a session."""
        params: dict[str, Any] = {"session_id": session_id, "persisted": persisted}
        if server_name is not None:
            params["server_name"] = server_name
        return parse_mcp_response(await self._call_dict("mcp/reload", params, "mcp_live"))

    # -- realms and auth -------------------------------------------------------------------------------
    async def list_realms(self) -> list[dict[str, Any]]:
        """The connection sections (``[realm.<id>]``) of the realm config."""
        realms = (await self._call_dict("realm/list", {}, "realms")).get("realms")
        return list(realms) if isinstance(realms, list) else []

    async def get_realm(self, realm_id: str) -> dict[str, Any]:
        """One connection section: backends, auth profiles, bindings (no secrets)."""
        return await self._call_dict("realm/get", {"realm_id": realm_id}, "realms")

    async def list_auth_profiles(self, realm_id: str) -> dict[str, Any]:
        """The auth profiles, backends and bindings of a connection section."""
        return await self._call_dict("auth/profile/list", {"realm_id": realm_id}, "auth")

    async def get_auth_profile(self, realm_id: str, binding_id: str, profile_id: str | None = None) -> dict[str, Any]:
        """One binding's auth profile."""
        return await self._call_dict("auth/profile/get", _binding(realm_id, binding_id, profile_id), "auth")

    async def create_auth_profile(self, params: dict[str, Any]) -> dict[str, Any]:
        """Stores a secret for a managed auth profile."""
        return await self._call_dict("auth/profile/create", dict(params), "auth")

    async def delete_auth_profile(self, realm_id: str, binding_id: str, profile_id: str | None = None) -> None:
        """Clears a binding's stored credentials."""
        await self._call("auth/profile/delete", _binding(realm_id, binding_id, profile_id), "auth")

    async def auth_login_start(self, provider: str, redirect_uri: str = _DEFAULT_REDIRECT) -> dict[str, Any]:
        """Starts an OAuth login (``authorize_url``, ``state``)."""
        return await self._call_dict("auth/login/start", {"provider": provider, "redirect_uri": redirect_uri}, "auth")

    async def auth_login_complete(
        self,
        provider: str,
        code: str,
        state: str,
        *,
        realm_id: str,
        binding_id: str,
        profile_id: str | None = None,
        redirect_uri: str = _DEFAULT_REDIRECT,
    ) -> dict[str, Any]:
        """Completes an OAuth login with the authorization code."""
        params = {"provider": provider, "code": code, "state": state, "redirect_uri": redirect_uri,
                  **_binding(realm_id, binding_id, profile_id)}
        return await self._call_dict("auth/login/complete", params, "auth")

    async def auth_login_device_start(self, provider: str) -> dict[str, Any]:
        """Starts a device-code login (Google)."""
        return await self._call_dict("auth/login/device_start", {"provider": provider}, "auth")

    async def auth_login_device_complete(
        self, provider: str, device_code: str, *, realm_id: str, binding_id: str, profile_id: str | None = None
    ) -> dict[str, Any]:
        """Polls a device-code login once."""
        params = {"provider": provider, "device_code": device_code, **_binding(realm_id, binding_id, profile_id)}
        return await self._call_dict("auth/login/device_complete", params, "auth")

    async def auth_provision_api_key(
        self, access_token: str, *, realm_id: str, binding_id: str, profile_id: str | None = None
    ) -> dict[str, Any]:
        """Exchanges an Anthropic OAuth token for a stored API key."""
        params = {"access_token": access_token, **_binding(realm_id, binding_id, profile_id)}
        return await self._call_dict("auth/login/provision_api_key", params, "auth")

    async def auth_status(self, realm_id: str, binding_id: str, profile_id: str | None = None) -> dict[str, Any]:
        """The state of a binding's credentials."""
        return await self._call_dict("auth/status/get", _binding(realm_id, binding_id, profile_id), "auth")

    async def auth_logout(self, realm_id: str, binding_id: str, profile_id: str | None = None) -> dict[str, Any]:
        """Clears a binding's OAuth tokens."""
        return await self._call_dict("auth/logout", _binding(realm_id, binding_id, profile_id), "auth")

    # -- runtime host, approvals, artifacts, event replay --------------------------------------------------
    async def get_runtime_host_info(self) -> dict[str, Any]:
        """``runtime/host_info``."""
        return await self._call_dict("runtime/host_info", {}, "runtime_host")

    async def get_runtime_host_capabilities(self) -> dict[str, Any]:
        """``runtime/capabilities``."""
        return await self._call_dict("runtime/capabilities", {}, "runtime_host")

    async def get_runtime_host_health(self) -> dict[str, Any]:
        """``runtime/health``."""
        return await self._call_dict("runtime/health", {}, "runtime_host")

    async def request_approval(self, params: dict[str, Any]) -> dict[str, Any]:
        """``approval/request``."""
        return await self._call_dict("approval/request", dict(params), "approvals")

    async def list_approvals(self, params: dict[str, Any] | None = None) -> dict[str, Any]:
        """``approval/list``."""
        return await self._call_dict("approval/list", dict(params or {}), "approvals")

    async def get_approval(self, params: dict[str, Any]) -> dict[str, Any]:
        """``approval/get``."""
        return await self._call_dict("approval/get", dict(params), "approvals")

    async def decide_approval(self, params: dict[str, Any]) -> dict[str, Any]:
        """``approval/decide``."""
        return await self._call_dict("approval/decide", dict(params), "approvals")

    async def list_artifacts(self, params: dict[str, Any] | None = None) -> dict[str, Any]:
        """``artifact/list``."""
        return await self._call_dict("artifact/list", dict(params or {}), "artifacts")

    async def get_artifact(self, params: dict[str, Any]) -> dict[str, Any]:
        """``artifact/get``."""
        return await self._call_dict("artifact/get", dict(params), "artifacts")

    async def download_artifact(self, params: dict[str, Any]) -> dict[str, Any]:
        """``artifact/download``."""
        return await self._call_dict("artifact/download", dict(params), "artifacts")

    async def latest_event_cursor(self, params: dict[str, Any]) -> dict[str, Any]:
        """``events/latest_cursor``."""
        return await self._call_dict("events/latest_cursor", dict(params), "event_replay")

    async def list_events_since(self, params: dict[str, Any]) -> dict[str, Any]:
        """``events/list_since``."""
        return await self._call_dict("events/list_since", dict(params), "event_replay")

    async def event_snapshot(self, params: dict[str, Any]) -> dict[str, Any]:
        """``events/snapshot``."""
        return await self._call_dict("events/snapshot", dict(params), "event_replay")

    # -- retired in 0.6.6: always fail before the transport -----------------------------------------------
    @staticmethod
    def _retired() -> NoReturn:
        warnings.warn(
            "Retired runtime session control methods are deprecated and always fail before transport.",
            DeprecationWarning,
            stacklevel=3,
        )
        raise MeerkatError(
            "METHOD_NOT_FOUND", "Retired runtime session control methods are no longer supported by the public RPC surface."
        )

    async def runtime_status(self, session_id: str) -> NoReturn:
        """Retired: always raises ``METHOD_NOT_FOUND``."""
        self._retired()

    async def runtime_submit(self, session_id: str, input: Any) -> NoReturn:  # noqa: A002 - 0.6.6 name
        """Retired: always raises ``METHOD_NOT_FOUND``."""
        self._retired()

    async def runtime_submission(self, session_id: str, input_id: str) -> NoReturn:
        """Retired: always raises ``METHOD_NOT_FOUND``."""
        self._retired()

    async def runtime_submissions(self, session_id: str) -> NoReturn:
        """Retired: always raises ``METHOD_NOT_FOUND``."""
        self._retired()

    async def runtime_retire(self, session_id: str) -> NoReturn:
        """Retired: always raises ``METHOD_NOT_FOUND``."""
        self._retired()

    async def runtime_reset(self, session_id: str) -> NoReturn:
        """Retired: always raises ``METHOD_NOT_FOUND``."""
        self._retired()
