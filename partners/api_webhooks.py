"""``POST /api/v1/webhook/test/``: a partner asks for a signed ``ping`` to its webhook, to
check its receiver (signature, reachability) without waiting for a real event."""

from __future__ import annotations

from drf_spectacular.utils import extend_schema
from rest_framework import status
from rest_framework.exceptions import APIException, PermissionDenied, ValidationError
from rest_framework.response import Response

from partners import api_docs, services
from partners.api import NoParamsAPIView
from partners.authentication import PartnerClient
from partners.scopes import READ_MESSAGES
from partners.serializers import WebhookTestOutSerializer

NO_WEBHOOK = "You have no webhook URL: ask your contact to set one, then send the test again."
STAFF_CANNOT_PING = "Staff sessions may read; a test event needs a partner's API key."


class NoWebhook(APIException):
    status_code = status.HTTP_409_CONFLICT
    default_detail = NO_WEBHOOK
    problem_code = "no_webhook"


class WebhookTest(NoParamsAPIView):
    # The scope that receives message events: the key a webhook's receiver is set up for.
    required_scopes = {"POST": READ_MESSAGES}
    pagination_class = None
    serializer_class = WebhookTestOutSerializer

    @extend_schema(
        request=None,
        responses={202: WebhookTestOutSerializer, **api_docs.WEBHOOK_TEST_ERRORS},
        examples=api_docs.WEBHOOK_TEST_EXAMPLES,
        description="Queue a ping to your webhook: it goes out like every event (the outbox, "
        "signed with your secret, X-CMS-Event: ping, retried on failure) with the body "
        '{"id", "created_at", "event": "ping", "data": {}}. Send no body. Answers 202 with '
        "the delivery id (X-CMS-Delivery of the ping); 409 when you have no webhook URL.",
    )
    def post(self, request):
        if not isinstance(request.user, PartnerClient):
            raise PermissionDenied(STAFF_CANNOT_PING)
        if request.data:
            raise ValidationError({"body": ["This endpoint takes no body; send none."]})
        try:
            delivery = services.queue_test_event(partner=request.user.partner)
        except services.NoWebhook:
            raise NoWebhook() from None
        return Response(WebhookTestOutSerializer(delivery).data, status=status.HTTP_202_ACCEPTED)
