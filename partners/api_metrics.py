"""The metrics uploads of the partner API: ``POST /api/v1/metrics/`` and
``/api/v1/metrics/batch/``, with ``Idempotency-Key``."""

from __future__ import annotations

import hashlib
import json
import re
from typing import cast

from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework import status
from rest_framework.exceptions import APIException, ValidationError
from rest_framework.response import Response

from partners import api_docs, params, selectors, services
from partners.api import NoParamsAPIView
from partners.authentication import PartnerClient
from partners.scopes import WRITE_METRICS
from partners.serializers import (
    MetricBatchOutSerializer,
    MetricBatchSerializer,
    MetricReportOutSerializer,
    MetricReportSerializer,
)

IDEMPOTENCY_KEY_RE = re.compile(r"[!-~]{1,255}")
IDEMPOTENCY_PARAMETER = OpenApiParameter(
    "Idempotency-Key",
    {"type": "string", "pattern": "^[!-~]{1,255}$"},
    location=OpenApiParameter.HEADER,
    description="Any unique string (a UUID): a repeat with the same key and body gets the "
    "first answer again (with Idempotent-Replayed: true), never a second write; the same key "
    "with another body is a 422. Kept 24 hours.",
)
METRIC_ERRORS = api_docs.WRITE_ERRORS


class IdempotencyKeyReused(APIException):
    status_code = 422
    default_detail = (
        "This Idempotency-Key was used before with another body; use a new key for a new report."
    )
    problem_code = "idempotency_key_reused"


class MetricWriteView(NoParamsAPIView):
    """Shared by the single and the batch upload: message lookup, Idempotency-Key."""

    required_scopes = {"POST": WRITE_METRICS}
    pagination_class = None

    def message_for(self, public_id: str):
        """The message named, if it was published to this partner; else None."""
        if not params.PUBLIC_ID_RE["msg"].match(public_id):
            return None
        # The scope is a write scope: only an API key gets here, never a staff session.
        api_key = cast(PartnerClient, self.request.user).api_key
        message = selectors.visible_message(
            audience=selectors.Audience.for_key(api_key), public_id=public_id
        )
        if message is None or message.publish_at is None or message.publish_at > self.now:
            return None
        return message

    def fingerprint_parts(self, request) -> list:
        """What makes two requests with one Idempotency-Key the same request."""
        return [type(self).__name__, request.data]

    def respond(self, request, write) -> Response:
        """Run ``write()`` (returning status and body), once per Idempotency-Key if given."""
        key = request.headers.get("Idempotency-Key")
        if key is None:
            status_code, body = write()
            return Response(body, status=status_code)
        if not IDEMPOTENCY_KEY_RE.fullmatch(key):
            raise params.InvalidParameter(
                {"Idempotency-Key": ["1 to 255 visible ASCII characters, such as a UUID."]}
            )
        fingerprint = hashlib.sha256(
            json.dumps(self.fingerprint_parts(request), sort_keys=True).encode()
        ).hexdigest()
        try:
            status_code, body, replayed = services.idempotent_write(
                partner=request.user.partner, key=key, fingerprint=fingerprint, write=write
            )
        except services.IdempotencyKeyReused:
            raise IdempotencyKeyReused() from None
        response = Response(body, status=status_code)
        if replayed:
            response["Idempotent-Replayed"] = "true"
        return response


def _as_api_error(exc: services.ValidationError) -> ValidationError:
    return ValidationError(exc.message_dict if hasattr(exc, "error_dict") else exc.messages)


NOT_PUBLISHED = "No message with this id was published to you."


class MetricReportCreate(MetricWriteView):
    serializer_class = MetricReportSerializer

    @extend_schema(
        request=MetricReportSerializer,
        parameters=[IDEMPOTENCY_PARAMETER],
        responses={201: MetricReportOutSerializer, 200: MetricReportOutSerializer, **METRIC_ERRORS},
        examples=api_docs.METRIC_EXAMPLES,
        description="Report one message's figures for one day. Reach and clicks are at most "
        "the impressions; unknown fields are refused. A repeat for the same (message, day) "
        "replaces the values (200); the first report answers 201.",
    )
    def post(self, request):
        serializer = MetricReportSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        values = dict(serializer.validated_data)
        message = self.message_for(values.pop("message"))
        if message is None:
            raise ValidationError({"message": [NOT_PUBLISHED]})

        def write():
            try:
                report = services.record_metrics(
                    partner=request.user.partner, message=message, **values
                )
            except services.ValidationError as exc:
                raise _as_api_error(exc) from None
            status_code = status.HTTP_201_CREATED if report.was_created else status.HTTP_200_OK
            return status_code, MetricReportOutSerializer(report).data

        return self.respond(request, write)


class MetricBatchCreate(MetricWriteView):
    serializer_class = MetricBatchSerializer

    @extend_schema(
        request=MetricBatchSerializer,
        parameters=[IDEMPOTENCY_PARAMETER],
        responses={200: MetricBatchOutSerializer, **METRIC_ERRORS},
        examples=api_docs.METRIC_BATCH_EXAMPLES,
        description="Report up to 100 (message, day) figures at once: all are stored or, on "
        "any error, none (errors are keyed reports.<index>.<field>). Each report as for "
        "POST /api/v1/metrics/.",
    )
    def post(self, request):
        serializer = MetricBatchSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        reports: list[services.ReportValues] = []
        errors = {}
        for index, values in enumerate(serializer.validated_data["reports"]):
            values = dict(values)
            message = self.message_for(values.pop("message"))
            if message is None:
                errors[f"reports.{index}.message"] = [NOT_PUBLISHED]
            # With an unknown message this is not a report, but the errors are raised first.
            reports.append(cast(services.ReportValues, {**values, "message": message}))
        if errors:
            raise ValidationError(errors)

        def write():
            try:
                stored = services.record_metrics_batch(
                    partner=request.user.partner, reports=reports
                )
            except services.ValidationError as exc:
                raise _as_api_error(exc) from None
            return status.HTTP_200_OK, MetricBatchOutSerializer({"results": stored}).data

        return self.respond(request, write)
