// Passkeys (WebAuthn) on the backoffice sign-in page and the account's Passkeys page.
// The server (ASP.NET Core Identity) makes the options and checks the answer; this file only carries
// them between the server and the browser's authenticator. Without JavaScript or WebAuthn the passkey
// parts stay hidden and everything else on both pages works as before. Texts come from data-
// attributes, which the server fills from the resource file.
(function () {
    'use strict';

    var signInForm = document.querySelector('form[data-passkey="sign-in"]');
    var addForm = document.querySelector('form[data-passkey="add"]');
    var unsupportedNote = document.getElementById('passkey-unsupported');

    if (!window.PublicKeyCredential || !navigator.credentials || !window.fetch || !window.FormData) {
        if (unsupportedNote) {
            unsupportedNote.textContent = unsupportedNote.getAttribute('data-message-unsupported');
        }
        return;
    }

    function toBuffer(base64url) {
        var base64 = base64url.replace(/-/g, '+').replace(/_/g, '/');
        var binary = atob(base64 + '==='.slice((base64.length + 3) % 4));
        var bytes = new Uint8Array(binary.length);
        for (var i = 0; i < binary.length; i++) {
            bytes[i] = binary.charCodeAt(i);
        }
        return bytes.buffer;
    }

    function toBase64Url(buffer) {
        var bytes = new Uint8Array(buffer);
        var binary = '';
        for (var i = 0; i < bytes.length; i++) {
            binary += String.fromCharCode(bytes[i]);
        }
        return btoa(binary).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
    }

    function withBufferIds(descriptors) {
        return (descriptors || []).map(function (d) {
            return Object.assign({}, d, { id: toBuffer(d.id) });
        });
    }

    // Browsers since 2024 parse the JSON themselves; older ones need the byte fields decoded by hand.
    function creationOptions(json) {
        if (typeof PublicKeyCredential.parseCreationOptionsFromJSON === 'function') {
            return PublicKeyCredential.parseCreationOptionsFromJSON(json);
        }
        return Object.assign({}, json, {
            challenge: toBuffer(json.challenge),
            user: Object.assign({}, json.user, { id: toBuffer(json.user.id) }),
            excludeCredentials: withBufferIds(json.excludeCredentials)
        });
    }

    function requestOptions(json) {
        if (typeof PublicKeyCredential.parseRequestOptionsFromJSON === 'function') {
            return PublicKeyCredential.parseRequestOptionsFromJSON(json);
        }
        return Object.assign({}, json, {
            challenge: toBuffer(json.challenge),
            allowCredentials: withBufferIds(json.allowCredentials)
        });
    }

    // The answer as the WebAuthn JSON the server reads: credential.toJSON(), or the same fields by hand.
    function credentialJson(credential) {
        if (typeof credential.toJSON === 'function') {
            return JSON.stringify(credential.toJSON());
        }
        var r = credential.response;
        var response = { clientDataJSON: toBase64Url(r.clientDataJSON) };
        if (r.attestationObject) {
            response.attestationObject = toBase64Url(r.attestationObject);
            response.transports = typeof r.getTransports === 'function' ? r.getTransports() : [];
        } else {
            response.authenticatorData = toBase64Url(r.authenticatorData);
            response.signature = toBase64Url(r.signature);
            response.userHandle = r.userHandle ? toBase64Url(r.userHandle) : null;
        }
        return JSON.stringify({
            id: credential.id,
            rawId: toBase64Url(credential.rawId),
            type: credential.type,
            authenticatorAttachment: credential.authenticatorAttachment || null,
            clientExtensionResults: credential.getClientExtensionResults(),
            response: response
        });
    }

    // Posts the form's fields (antiforgery token included) to the options handler. A refusal carries
    // a text to show: { "error": "…" } from the page, or the rate limiter's plain-text answer.
    function fetchOptions(form) {
        return fetch(form.getAttribute('data-options-url'), {
            method: 'POST',
            body: new FormData(form),
            credentials: 'same-origin',
            headers: { Accept: 'application/json' }
        }).then(function (answer) {
            return answer.text().then(function (text) {
                var body = null;
                try {
                    body = JSON.parse(text);
                } catch (e) {
                    body = null;
                }
                if (!answer.ok) {
                    throw { serverMessage: (body && body.error) || (answer.status === 429 ? text : null) };
                }
                return body;
            });
        });
    }

    function messageFor(form, error) {
        if (error && error.serverMessage) {
            return error.serverMessage;
        }
        if (error && error.name === 'InvalidStateError' && form.hasAttribute('data-message-exists')) {
            return form.getAttribute('data-message-exists');
        }
        if (error && (error.name === 'NotAllowedError' || error.name === 'AbortError')) {
            return form.getAttribute('data-message-cancelled');
        }
        return form.getAttribute('data-message-failed');
    }

    function setBusy(form, busy) {
        form.querySelector('button[type=submit]').disabled = busy;
    }

    function showMessage(form, text) {
        var message = form.querySelector('.passkey-message');
        message.textContent = text;
        message.hidden = false;
    }

    // options from the server → the authenticator → its answer into the form → a normal form post.
    function ceremony(form, authenticate, beforeSubmit) {
        form.addEventListener('submit', function (event) {
            event.preventDefault();
            setBusy(form, true);
            fetchOptions(form)
                .then(authenticate)
                .then(function (credential) {
                    form.elements.namedItem('Credential').value = credentialJson(credential);
                    if (beforeSubmit) {
                        beforeSubmit();
                    }
                    form.submit();
                })
                .catch(function (error) {
                    setBusy(form, false);
                    showMessage(form, messageFor(form, error));
                });
        });
    }

    if (signInForm) {
        signInForm.closest('section').hidden = false;
        ceremony(signInForm, function (options) {
            return navigator.credentials.get({ publicKey: requestOptions(options) });
        });
    }

    if (addForm) {
        addForm.hidden = false;
        if (unsupportedNote) {
            unsupportedNote.hidden = true;
        }
        ceremony(addForm, function (options) {
            return navigator.credentials.create({ publicKey: creationOptions(options) });
        }, function () {
            // Checked by the options request already; it need not travel twice.
            addForm.elements.namedItem('Password').value = '';
        });
    }
}());
