// Loaded by test/.mocharc.backend.json before any test: quiets the AWS SDK's Node-version notice.

process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= 'true';
