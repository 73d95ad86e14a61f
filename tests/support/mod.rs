#![allow(dead_code)]

pub mod certs;
pub mod cli;
pub mod http;
pub mod smtp;
