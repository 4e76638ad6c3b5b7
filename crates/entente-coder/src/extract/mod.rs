//! What a sentence names and says beyond its events, found in the same pass as the coding: named
//! things and unknown names ([`things`]), themes ([`themes`]) and quotations ([`quotes`]).
//! Every record carries its sentence index (as [`Coder::sentences`](crate::Coder::sentences)
//! splits the text) and byte and character spans into that sentence, like an event's spans.

pub mod quotes;
pub mod themes;
pub mod things;
