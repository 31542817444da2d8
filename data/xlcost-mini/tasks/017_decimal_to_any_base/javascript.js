// Function to return the character for a digit value
function reVal(num) {
    if (num >= 0 && num <= 9)
        return String.fromCharCode(num + '0'.charCodeAt(0));
    else
        return String.fromCharCode(num - 10 + 'A'.charCodeAt(0));
}

// Function to convert a given decimal number to base b
function fromDeci(b, inputNum) {
    let res = "";
    // Convert the input number to the given base by repeatedly dividing it by base
    while (inputNum > 0) {
        // The remainder is the next digit from the right
        res = reVal(inputNum % b) + res;
        inputNum = Math.floor(inputNum / b);
    }
    return res;
}

// Driver code
let inputNum = 282;
let bases = [2, 8, 16];
for (let b of bases)
    console.log("Equivalent of " + inputNum + " in base " + b + " is " + fromDeci(b, inputNum));
