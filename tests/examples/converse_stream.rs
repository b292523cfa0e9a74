//! Bedrock's `ConverseStream`: sends one prompt and prints the model's reply as it streams in,
//! each piece of text written out the moment its event arrives.
//!
//! ```text
//! cargo run -p mpa-tests --example converse_stream -- MODEL_ID "PROMPT"
//! ```
//!
//! The client is configured from the environment, as the AWS SDKs are: `AWS_REGION`,
//! credentials (or Bedrock's API key in `AWS_BEARER_TOKEN_BEDROCK`), `AWS_ENDPOINT_URL`.
//! `tests/example_converse_stream.rs` runs [`converse`] against a loopback server.

use golden_converse_stream::operation::converse_stream::ConverseStreamInput;
use golden_converse_stream::types::{
    ContentBlock, ContentBlockDelta, ConversationRole, ConverseStreamOutput, Message, StopReason, TokenUsage,
};
use std::io::Write;
use std::process::ExitCode;

/// What the stream said about the reply, besides its text.
#[derive(Debug, Default)]
pub struct Summary {
    /// Why the model stopped (`messageStop`).
    pub stop_reason: Option<StopReason>,
    /// The tokens it read and wrote (`metadata`).
    pub usage: Option<TokenUsage>,
}

/// Asks `model_id` about `prompt` and writes the reply's text to `out` as each
/// `contentBlockDelta` arrives (a line break after each content block).
pub async fn converse(
    client: &golden_converse_stream::Client,
    model_id: &str,
    prompt: &str,
    out: &mut impl Write,
) -> Result<Summary, Box<dyn std::error::Error>> {
    let message = Message::builder().role(ConversationRole::User).content(ContentBlock::Text(prompt.to_owned())).build();
    let input = ConverseStreamInput::builder().model_id(model_id).messages(message).build();
    let (_output, mut events) = client.converse_stream(&input).await?;
    let mut summary = Summary::default();
    while let Some(event) = events.recv().await? {
        match event {
            ConverseStreamOutput::ContentBlockDelta(e) => {
                if let ContentBlockDelta::Text(text) = &e.delta {
                    out.write_all(text.as_bytes())?;
                    out.flush()?;
                }
            }
            ConverseStreamOutput::ContentBlockStop(_) => writeln!(out)?,
            ConverseStreamOutput::MessageStop(e) => summary.stop_reason = Some(e.stop_reason),
            ConverseStreamOutput::Metadata(e) => summary.usage = Some(e.usage),
            _ => {}
        }
    }
    Ok(summary)
}

#[allow(dead_code)]
#[tokio::main(flavor = "current_thread")]
async fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let [model_id, prompt] = args.as_slice() else {
        eprintln!("usage: converse_stream MODEL_ID PROMPT");
        return ExitCode::from(2);
    };
    let client = match golden_converse_stream::Client::from_env() {
        Ok(client) => client,
        Err(e) => {
            eprintln!("configuration: {e}");
            return ExitCode::FAILURE;
        }
    };
    match converse(&client, model_id, prompt, &mut std::io::stdout()).await {
        Ok(summary) => {
            if let (Some(reason), Some(usage)) = (&summary.stop_reason, &summary.usage) {
                eprintln!("[{reason}; {} tokens in, {} out]", usage.input_tokens, usage.output_tokens);
            }
            ExitCode::SUCCESS
        }
        Err(e) => {
            eprintln!("error: {e}");
            ExitCode::FAILURE
        }
    }
}
